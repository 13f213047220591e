/**
 * An outgoing email as the bytes of a MIME message (RFC 5322, 2045–2047): multipart/alternative
 * with a text and an HTML part, each quoted-printable in UTF-8, and the headers compose.ts set.
 *
 * Built here rather than by nodemailer's composer, whose stream pipeline (a Transform per part
 * and per encoding) cost about 1 ms of CPU per email, more than the SMTP exchange itself; the
 * transports hand these bytes to nodemailer as a ready message, as any client may.
 */
import { randomBytes } from 'node:crypto';
import { domainToASCII } from 'node:url';
import type { OutgoingEmail } from './compose.js';

export interface MimeMessage {
  /** SMTP envelope: MAIL FROM and RCPT TO. */
  envelope: { from: string; to: string[] };
  raw: Buffer;
}

const CRLF = '\r\n';

export function buildMimeMessage(email: OutgoingEmail, date: Date = new Date()): MimeMessage {
  const from = parseMailbox(email.from);
  const to = { name: email.to.name, address: normalizeAddress(email.to.address) };
  // "=_" never occurs in quoted-printable text, so the boundary cannot occur in a part.
  const boundary = `=_rapport_${randomBytes(12).toString('hex')}`;
  const lines = [
    header('From', formatMailbox(from)),
    header('To', formatMailbox(to)),
    header('Subject', encodeText(email.subject)),
    header('Message-ID', email.messageId),
    header('Date', date.toUTCString().replace(/GMT$/, '+0000')),
    'MIME-Version: 1.0',
    ...Object.entries(email.headers).map(([name, value]) => header(name, encodeText(value))),
    `Content-Type: multipart/alternative;${CRLF} boundary="${boundary}"`,
    '',
    `--${boundary}`,
    'Content-Type: text/plain; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    encodeQuotedPrintable(email.text),
    `--${boundary}`,
    'Content-Type: text/html; charset=utf-8',
    'Content-Transfer-Encoding: quoted-printable',
    '',
    encodeQuotedPrintable(email.html),
    `--${boundary}--`,
    '',
  ];
  return {
    envelope: { from: from.address, to: [to.address] },
    raw: Buffer.from(lines.join(CRLF), 'utf8'),
  };
}

/** `Name <address>` or a bare address, as RAPPORT_MAIL_FROM is written. */
export function parseMailbox(value: string): { name: string; address: string } {
  const match = /^\s*(.*?)\s*<([^<>]+)>\s*$/.exec(value);
  const name = (match?.[1] ?? '').replace(/^"(.*)"$/, '$1');
  return { name, address: normalizeAddress(match?.[2] ?? value) };
}

function normalizeAddress(address: string): string {
  const trimmed = address.trim();
  const at = trimmed.lastIndexOf('@');
  if (at < 0) return trimmed;
  const domain = trimmed.slice(at + 1);
  // An internationalised domain goes on the wire as its punycode (RFC 5890).
  const ascii = isAscii(domain) ? domain : domainToASCII(domain) || domain;
  return `${trimmed.slice(0, at)}@${ascii}`;
}

function formatMailbox({ name, address }: { name: string; address: string }): string {
  const clean = oneLine(name).trim();
  if (!clean) return address;
  return `${formatDisplayName(clean)} <${address}>`;
}

/** RFC 5322 phrase: atoms as they are, a quoted string for specials, encoded words beyond ASCII. */
function formatDisplayName(name: string): string {
  if (!isAscii(name)) return encodeWords(name);
  if (/^[A-Za-z0-9!#$%&'*+\-/=?^_`{|}~ ]+$/.test(name)) return name;
  return `"${name.replace(/(["\\])/g, '\\$1')}"`;
}

/** An unstructured header value: as it is in ASCII, encoded words otherwise. */
function encodeText(value: string): string {
  const clean = oneLine(value);
  return isAscii(clean) ? clean : encodeWords(clean);
}

/** `Name: value`, folded at spaces so that lines stay within 78 characters where they can. */
function header(name: string, value: string): string {
  const words = value.split(' ');
  const lines: string[] = [];
  let line = `${name}:`;
  for (const word of words) {
    if (word && line && line.length + 1 + word.length > 78) {
      lines.push(line);
      line = '';
    }
    line += ` ${word}`;
  }
  lines.push(line);
  return lines.join(CRLF);
}

/**
 * RFC 2047 "B" encoded words, each well under 75 characters and never splitting a character,
 * separated by spaces (which decoders drop between encoded words).
 */
function encodeWords(value: string): string {
  const words: string[] = [];
  let chunk = '';
  let bytes = 0;
  // 36 bytes of UTF-8 make a 60-character word: room for "List-Unsubscribe: " on its line.
  for (const char of value) {
    const size = Buffer.byteLength(char, 'utf8');
    if (bytes + size > 36) {
      words.push(chunk);
      chunk = '';
      bytes = 0;
    }
    chunk += char;
    bytes += size;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join(' ');
}

function oneLine(value: string): string {
  return value.replace(/[\r\n]+/g, ' ');
}

function isAscii(value: string): boolean {
  return !/[^\x20-\x7e]/.test(value);
}

const HEX = '0123456789ABCDEF';

/**
 * Quoted-printable (RFC 2045 § 6.7) of UTF-8 text, CRLF line breaks: printable ASCII as it is
 * except "=", spaces and tabs as they are except at the end of a line, every other byte as
 * =XX; lines longer than 76 characters broken with soft line breaks, never inside an =XX.
 */
export function encodeQuotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const bytes = Buffer.from(line, 'utf8');
    let current = '';
    for (let i = 0; i < bytes.length; i++) {
      const b = bytes[i] as number;
      const last = i === bytes.length - 1;
      let token: string;
      if (b === 0x3d || b < 0x20 || b > 0x7e) {
        token = b === 0x09 && !last ? '\t' : `=${HEX[b >> 4]}${HEX[b & 15]}`;
      } else if (b === 0x20 && last) {
        token = '=20';
      } else {
        token = String.fromCharCode(b);
      }
      // Room for the token plus a soft break "=", unless this token ends the line.
      if (current.length + token.length > (last ? 76 : 75)) {
        out.push(`${current}=`);
        current = '';
      }
      current += token;
    }
    out.push(current);
  }
  return out.join(CRLF);
}
