import type { Deps } from '../commands/deps.js';
import type { Config } from '../config.js';
import { listMailbox, readMailboxEmail, type MailboxEmail, type MailboxEntry } from '../email/mailbox.js';

/**
 * The demo mailbox exists only where a newcomer runs the demo without a mail server: with
 * RAPPORT_DEMO=1 and no RAPPORT_SMTP_URL, emails are .eml files under RAPPORT_MAIL_DIR and this
 * page is how a person reads them. It shows every member's email, so a real deployment (a mail
 * server, or no demo) never has it.
 */
export function demoMailboxEnabled(config: Config): boolean {
  return config.demo && config.smtpUrl === null;
}

/** The newest emails written to the mail folder, newest first. */
export function listDemoMailbox(deps: Deps): Promise<MailboxEntry[]> {
  return listMailbox(deps.config.mailDir, 200);
}

export function readDemoMailboxEmail(deps: Deps, id: string): Promise<MailboxEmail | null> {
  return readMailboxEmail(deps.config.mailDir, id);
}
