import {
  afterCommit,
  type Config,
  databaseInTransaction,
  dataKeyLoader,
  type FieldCipher,
  fieldCipher,
  type Logger,
} from '@konecta/core';
import { type Database, type Executor, mailOutbox } from '@konecta/db';
import { MailDelivery, type MailDeliveryOptions } from './delivery';

export interface Mail {
  to: string;
  subject: string;
  text: string;
  /** Which message this is (`invitation`, `verification-code`, `password-reset`). */
  template: string;
}

/** Where mail leaves the system: the local mailbox, or Amazon SES when deployed. */
export interface MailPort {
  /** The local mailbox is the stored text itself; a real sender must not keep links and codes. */
  readonly keepsText: boolean;
  /** Sends one message; throws when it could not (the mail is retried later). */
  deliver(mail: Mail): Promise<{ providerId: string | null }>;
}

/**
 * The one mail port of the auth service. `send` writes the message to the mail outbox in the
 * caller's transaction — it exists if and only if the change commits — and the message goes out
 * after the commit; a failed send is retried with back-off (after-commit, then the `sendPendingMail`
 * job) until it goes, each message at most once at a time.
 */
export interface Mailer {
  send(tx: Executor, mail: Mail): Promise<void>;
  /** Sends every message that is due; resolves with the number sent. */
  sendPending(): Promise<number>;
}

/** Local: the mailbox readable at `GET /api/auth/dev/mailbox`; nothing leaves the machine. */
export function localMailbox(): MailPort {
  return { keepsText: true, deliver: async () => ({ providerId: 'local-mailbox' }) };
}

/** Minimal shape of the SES client, so tests can pass a fake. */
export interface SesLike {
  send(command: { input: unknown }): Promise<{ MessageId?: string }>;
}

export function sesMailPort(options: { from: string; client?: SesLike }): MailPort {
  let client = options.client;
  return {
    keepsText: false,
    async deliver(mail) {
      const { SESv2Client, SendEmailCommand } = await import('@aws-sdk/client-sesv2');
      client ??= new SESv2Client({}) as unknown as SesLike;
      const out = await client.send(
        new SendEmailCommand({
          FromEmailAddress: options.from,
          Destination: { ToAddresses: [mail.to] },
          Content: { Simple: { Subject: { Data: mail.subject }, Body: { Text: { Data: mail.text } } } },
        }),
      );
      return { providerId: out.MessageId ?? null };
    },
  };
}

export function createMailer(options: MailDeliveryOptions): Mailer {
  const delivery = new MailDelivery(options);
  return {
    async send(tx, mail) {
      const text = options.cipher ? await options.cipher.encrypt(mail.text) : mail.text;
      await tx.insert(mailOutbox).values({ ...mail, text });
      // Inside a transaction the message may go only once it is committed.
      if (databaseInTransaction()) afterCommit(() => delivery.sendDue());
      else await delivery.sendDue();
    },
    sendPending: () => delivery.sendDue(),
  };
}

/** Deployed, the text waits encrypted with the data key; locally it is the readable mailbox. */
export function mailerFor(config: Config, logger: Logger, db: Database): Mailer {
  if (config.local) return createMailer({ db, logger, port: localMailbox() });
  const cipher: FieldCipher = fieldCipher(dataKeyLoader(config));
  return createMailer({ db, logger, cipher, port: sesMailPort({ from: config.mail.from }) });
}
