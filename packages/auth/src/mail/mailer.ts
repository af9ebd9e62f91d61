import { afterCommit, type Config, type Logger } from '@konecta/core';
import { type Database, type Executor, mailOutbox } from '@konecta/db';
import { eq } from 'drizzle-orm';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Which message this is (`invitation`, `verification-code`, `password-reset`). */
  template: string;
}

/**
 * The one mail port. Locally every message is kept in full in the mailbox (readable through
 * `GET /api/auth/dev/mailbox` and the web page); deployed, it is sent through Amazon SES after the
 * transaction commits and only its envelope is kept, never the links or codes it carries.
 */
export interface Mailer {
  send(db: Executor, mail: Mail): Promise<void>;
}

export function localMailbox(): Mailer {
  return {
    async send(db, mail) {
      await db.insert(mailOutbox).values({ ...mail, sentAt: new Date(), providerId: 'local-mailbox' });
    },
  };
}

export function sesMailer(options: { from: string; logger: Logger; db: Database }): Mailer {
  return {
    async send(db, mail) {
      const [row] = await db
        .insert(mailOutbox)
        .values({ to: mail.to, subject: mail.subject, template: mail.template, text: '[sent through SES; not stored]' })
        .returning({ id: mailOutbox.id });
      afterCommit(async () => {
        try {
          const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
          const out = await new SESv2Client({}).send(
            new SendEmailCommand({
              FromEmailAddress: options.from,
              Destination: { ToAddresses: [mail.to] },
              Content: { Simple: { Subject: { Data: mail.subject }, Body: { Text: { Data: mail.text } } } },
            }),
          );
          if (row) await markMail(options.db, row.id, { sentAt: new Date(), providerId: out.MessageId ?? null });
        } catch (err) {
          options.logger.error({ err, template: mail.template }, 'sending mail failed');
          if (row) await markMail(options.db, row.id, { error: (err as Error).message.slice(0, 500) });
        }
      });
    },
  };
}

/** After commit the transaction is gone: the row is updated through the database itself. */
async function markMail(db: Database, id: string, values: Partial<typeof mailOutbox.$inferInsert>) {
  await db.update(mailOutbox).set(values).where(eq(mailOutbox.id, id));
}

export function mailerFor(config: Config, logger: Logger, db: Database): Mailer {
  return config.local ? localMailbox() : sesMailer({ from: config.mail.from, logger, db });
}
