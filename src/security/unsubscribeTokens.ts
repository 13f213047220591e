/**
 * One-click unsubscribe tokens (RFC 8058): bound to one member and one kind of email, signed
 * with an HMAC key every process reads from the database, so any process can check a token any
 * other issued and nothing per token needs storing. Unguessable: 192 bits of HMAC-SHA-256.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import { EMAIL_SETTINGS, type EmailSetting } from '../domain/email.js';

const CODES: Record<EmailSetting, string> = {
  invitationReceived: 'r',
  invitationAccepted: 'a',
  reminders: 'm',
};

function mac(secret: string, memberId: string, code: string): string {
  return createHmac('sha256', secret)
    .update(`unsubscribe:${memberId}:${code}`)
    .digest('base64url')
    .slice(0, 32);
}

export function unsubscribeToken(secret: string, memberId: string, setting: EmailSetting): string {
  const code = CODES[setting];
  return `${code}.${Buffer.from(memberId).toString('base64url')}.${mac(secret, memberId, code)}`;
}

/** The member and kind a token was issued for, or null for anything the server did not issue. */
export function readUnsubscribeToken(
  secret: string,
  token: string,
): { memberId: string; setting: EmailSetting } | null {
  const parts = token.split('.');
  if (parts.length !== 3) return null;
  const [code, encodedId, given] = parts as [string, string, string];
  const setting = EMAIL_SETTINGS.find((s) => CODES[s] === code);
  if (!setting || !/^[A-Za-z0-9_-]{1,200}$/.test(encodedId)) return null;
  const memberId = Buffer.from(encodedId, 'base64url').toString('utf8');
  const expected = Buffer.from(mac(secret, memberId, code));
  const actual = Buffer.from(given);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected)) return null;
  return { memberId, setting };
}
