import { claimWithLease, type FieldCipher, type Logger, retryDelayMs } from '@konecta/core';
import { type Database, mailOutbox } from '@konecta/db';
import { and, asc, eq, isNull, lt, sql } from 'drizzle-orm';
import type { Mail, MailPort } from './mailer';

export interface MailDeliveryOptions {
  db: Database;
  port: MailPort;
  logger: Logger;
  /** Seals the text while it waits (deployed); without it the text is stored as written (local). */
  cipher?: FieldCipher;
  batchSize?: number;
  /** How long a claimed message is reserved for this sender before another may try it. */
  leaseMs?: number;
  /** After this many failed attempts the message is left with its error and not tried again. */
  maxAttempts?: number;
  retryDelayMs?: (attempts: number) => number;
}

/** What a sent message keeps when the port must not keep links and codes. */
export const SENT_TEXT_DROPPED = '[sent; the text is not kept]';

type MailRow = typeof mailOutbox.$inferSelect;

/**
 * Sends the mail outbox. Due messages are claimed with `FOR UPDATE SKIP LOCKED` and a lease (so
 * two senders, in this process or another, never send the same message at the same time), sent
 * outside any transaction, then marked sent; a failure sets the back-off and keeps the error. A
 * crash between sending and marking means one resend once the lease runs out: the price of never
 * losing a message.
 */
export class MailDelivery {
  private running?: Promise<number>;
  private again = false;

  constructor(private readonly options: MailDeliveryOptions) {}

  /** Sends everything due now; concurrent calls share one pass (plus one more if asked meanwhile). */
  sendDue(): Promise<number> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      let total = 0;
      try {
        do {
          this.again = false;
          for (;;) {
            const batch = await this.claim();
            for (const row of batch) if (await this.sendOne(row)) total++;
            if (batch.length < (this.options.batchSize ?? 20)) break;
          }
        } while (this.again);
      } finally {
        this.running = undefined;
      }
      return total;
    })();
    return this.running;
  }

  private async claim(): Promise<MailRow[]> {
    return claimWithLease(this.options.db, mailOutbox, {
      key: mailOutbox.id,
      where: and(isNull(mailOutbox.sentAt), lt(mailOutbox.attempts, this.options.maxAttempts ?? 12)),
      orderBy: asc(mailOutbox.availableAt),
      limit: this.options.batchSize ?? 20,
      leaseMs: this.options.leaseMs ?? 60_000,
    });
  }

  private async sendOne(row: MailRow): Promise<boolean> {
    const { db, port, cipher, logger } = this.options;
    try {
      const mail: Mail = {
        to: row.to,
        subject: row.subject,
        template: row.template,
        text: cipher ? await cipher.decrypt(row.text) : row.text,
      };
      const { providerId } = await port.deliver(mail);
      await db
        .update(mailOutbox)
        .set({
          sentAt: sql`now()`,
          providerId,
          error: null,
          ...(port.keepsText ? {} : { text: SENT_TEXT_DROPPED }),
        })
        .where(eq(mailOutbox.id, row.id));
      return true;
    } catch (err) {
      const delayMs = (this.options.retryDelayMs ?? retryDelayMs)(row.attempts);
      const finalAttempt = row.attempts >= (this.options.maxAttempts ?? 12);
      logger[finalAttempt ? 'error' : 'warn'](
        { err, mailId: row.id, template: row.template, attempts: row.attempts },
        finalAttempt ? 'sending mail failed for the last time; giving up' : 'sending mail failed; will retry',
      );
      await db
        .update(mailOutbox)
        .set({
          availableAt: sql`now() + ${`${delayMs} milliseconds`}::interval`,
          error: (err as Error).message.slice(0, 500),
        })
        .where(eq(mailOutbox.id, row.id));
      return false;
    }
  }
}
