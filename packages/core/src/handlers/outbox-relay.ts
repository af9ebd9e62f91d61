import { outboxRelayHandler } from '../lambda';

/** Cron target (every minute): sends outbox events an interrupted instance left undelivered. */
export const handler = outboxRelayHandler();
