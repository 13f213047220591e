/**
 * Where emails go: a mail server over SMTP (RAPPORT_SMTP_URL), or, without one, `.eml` files in
 * a folder (RAPPORT_MAIL_DIR, by default data/mail beside the SQLite file) that any mail client
 * opens and the demo mailbox page lists. Both carry the message mime.ts builds, so a file holds
 * exactly the bytes a mail server would have received.
 */
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import nodemailer, { type SendMailOptions } from 'nodemailer';
import type { OutgoingEmail } from './compose.js';
import { buildMimeMessage } from './mime.js';

export interface MailTransport {
  /** Resolves once the message was accepted; rejects with the server's or the socket's error. */
  send(email: OutgoingEmail): Promise<void>;
  close(): void;
  /** How many messages it may carry at once (the SMTP pool's connections). */
  readonly concurrency: number;
}

/** The message as built by mime.ts: nodemailer carries it as it is. */
function mailOptions(email: OutgoingEmail): SendMailOptions {
  const { envelope, raw } = buildMimeMessage(email);
  return { envelope, raw };
}

export function smtpTransport(url: string, options: { maxConnections?: number } = {}): MailTransport {
  const maxConnections = options.maxConnections ?? 5;
  const transporter = nodemailer.createTransport({
    url,
    pool: true,
    maxConnections,
    // Well inside the worker's lease, so a stuck server never lets two workers send one email.
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 30_000,
  });
  return {
    concurrency: maxConnections,
    send: async (email) => {
      await transporter.sendMail(mailOptions(email));
    },
    close: () => transporter.close(),
  };
}

export function mailboxTransport(dir: string): MailTransport {
  let made = false;
  return {
    concurrency: 1,
    send: async (email) => {
      const { raw } = buildMimeMessage(email);
      if (!made) {
        mkdirSync(dir, { recursive: true });
        made = true;
      }
      // Named by the outbox row (time-ordered), so a repeat rewrites the same file.
      const file = join(dir, `${email.id}.eml`);
      writeFileSync(`${file}.tmp`, raw);
      renameSync(`${file}.tmp`, file);
    },
    close: () => {},
  };
}

/**
 * A 5xx reply refuses this message for good (no such mailbox, policy); anything else (no
 * connection, a timeout, a 4xx "try later") may pass on a later try.
 */
export function isPermanentRefusal(error: unknown): boolean {
  const code = (error as { responseCode?: unknown } | null)?.responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}
