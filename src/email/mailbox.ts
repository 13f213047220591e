/**
 * The local mailbox (N2, without a mail server): the .eml files mailboxTransport writes, read
 * back with `mailparser` exactly as a mail client reads them, for the demo's mailbox page.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser, type AddressObject } from 'mailparser';

/** Files are named by their outbox row's UUID v7, so by name is by time. */
const NAME = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface MailboxEntry {
  id: string;
  from: string;
  to: string;
  subject: string;
  date: Date | null;
}

export interface MailboxEmail extends MailboxEntry {
  html: string | null;
  text: string;
  raw: Buffer;
}

const addresses = (a: AddressObject | AddressObject[] | undefined): string =>
  (Array.isArray(a) ? a : a ? [a] : []).map((x) => x.text).join(', ');

async function parse(id: string, raw: Buffer): Promise<MailboxEmail> {
  const mail = await simpleParser(raw);
  return {
    id,
    from: addresses(mail.from),
    to: addresses(mail.to),
    subject: mail.subject ?? '(no subject)',
    date: mail.date ?? null,
    html: typeof mail.html === 'string' ? mail.html : null,
    text: mail.text ?? '',
    raw,
  };
}

/** The newest `limit` emails, newest first; an empty list when nothing was written yet. */
export async function listMailbox(dir: string, limit: number): Promise<MailboxEntry[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
  const ids = names
    .filter((n) => n.endsWith('.eml') && NAME.test(n.slice(0, -4)))
    .map((n) => n.slice(0, -4))
    .sort()
    .reverse()
    .slice(0, limit);
  const emails = await Promise.all(
    ids.map(async (id) => {
      const raw = await readFile(join(dir, `${id}.eml`)).catch(() => null);
      return raw ? parse(id, raw) : null;
    }),
  );
  return emails
    .filter((e): e is MailboxEmail => e !== null)
    .map(({ id, from, to, subject, date }) => ({ id, from, to, subject, date }));
}

/** One email by id, or null for an id that is not one of the mailbox's files. */
export async function readMailboxEmail(dir: string, id: string): Promise<MailboxEmail | null> {
  if (!NAME.test(id)) return null;
  const raw = await readFile(join(dir, `${id}.eml`)).catch(() => null);
  return raw ? parse(id, raw) : null;
}
