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
const PROCESS = randomBytes(6).toString('hex');
let sequence = 0;

export function buildMimeMessage(email: OutgoingEmail, date: Date = new Date()): MimeMessage {
  const from = parseMailbox(email.from);
  const to = { name: email.to.name, address: normalizeAddress(email.to.address) };
  // "=_" never occurs in quoted-printable text, so the boundary cannot occur in a part: it
  // need not be random, only distinct from the next message's (a counter, cheaper than entropy).
  const boundary = `=_rapport_${PROCESS}_${(sequence++).toString(36)}`;
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

/** Characters that stand for themselves in quoted-printable: printable ASCII but "=", space, tab. */
const LITERAL = new Uint8Array(128);
for (let c = 0x20; c <= 0x7e; c++) LITERAL[c] = c === 0x3d ? 0 : 1;
LITERAL[0x09] = 1;

const escaped = (byte: number) => `=${HEX[byte >> 4]}${HEX[byte & 15]}`;

/**
 * Quoted-printable (RFC 2045 § 6.7) of UTF-8 text, CRLF line breaks: printable ASCII as it is
 * except "=", spaces and tabs as they are except at the end of a line, every other byte as
 * =XX; lines longer than 76 characters broken with soft line breaks, never inside an =XX.
 * Runs of literal characters are copied as slices: an email's HTML is mostly such runs.
 */
export function encodeQuotedPrintable(text: string): string {
  const out: string[] = [];
  for (const line of text.split(/\r?\n/)) {
    const n = line.length;
    let current = '';
    const token = (value: string, endsLine: boolean) => {
      if (current.length + value.length > (endsLine ? 76 : 75)) {
        out.push(`${current}=`);
        current = '';
      }
      current += value;
    };
    let i = 0;
    while (i < n) {
      let j = i;
      while (j < n && LITERAL[line.charCodeAt(j)] === 1) j++;
      // White space ending the line is escaped, or a mail server may strip it.
      if (j === n && j > i && (line.charCodeAt(j - 1) === 0x20 || line.charCodeAt(j - 1) === 0x09)) j--;
      while (i < j) {
        if (j === n && current.length + (j - i) <= 76) {
          current += line.slice(i, j);
          i = j;
        } else if (current.length >= 75) {
          out.push(`${current}=`);
          current = '';
        } else {
          const take = Math.min(75 - current.length, j - i);
          current += line.slice(i, i + take);
          i += take;
        }
      }
      if (i >= n) break;
      let code = line.charCodeAt(i);
      let width = 1;
      if (code >= 0xd800 && code <= 0xdbff) {
        const low = line.charCodeAt(i + 1);
        if (low >= 0xdc00 && low <= 0xdfff) {
          code = 0x10000 + ((code - 0xd800) << 10) + (low - 0xdc00);
          width = 2;
        } else code = 0xfffd;
      } else if (code >= 0xdc00 && code <= 0xdfff) code = 0xfffd;
      const bytes =
        code < 0x80
          ? [code]
          : code < 0x800
            ? [0xc0 | (code >> 6), 0x80 | (code & 63)]
            : code < 0x10000
              ? [0xe0 | (code >> 12), 0x80 | ((code >> 6) & 63), 0x80 | (code & 63)]
              : [
                  0xf0 | (code >> 18),
                  0x80 | ((code >> 12) & 63),
                  0x80 | ((code >> 6) & 63),
                  0x80 | (code & 63),
                ];
      i += width;
      for (let k = 0; k < bytes.length; k++)
        token(escaped(bytes[k] as number), i >= n && k === bytes.length - 1);
    }
    out.push(current);
  }
  return out.join(CRLF);
}
