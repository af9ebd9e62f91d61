/**
 * How long a failed delivery (an outbox event, a mail) waits before its next attempt: doubling
 * from 1 s after the first failure, capped at 5 minutes, so a short outage is bridged quickly and
 * a long one is not hammered.
 */
export function retryDelayMs(attempts: number): number {
  return Math.min(300_000, 1000 * 2 ** Math.min(Math.max(attempts - 1, 0), 10));
}
