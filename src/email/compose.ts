/**
 * One outbox row and what was read at the moment of sending become one email: subject, the
 * HTML and text parts, the headers design/api.md promises (a Message-ID derived from the row,
 * so a repeat after a crash carries the same one; List-Unsubscribe with its one-click POST).
 */
import { createElement } from 'react';
import { DAY } from '../domain/time.js';
import { settingFor } from '../domain/email.js';
import type { EmailContext } from '../storage/repositories/emailContext.js';
import type { OutboxRow } from '../storage/tables.js';
import { renderEmail } from './render.js';
import { InvitationAccepted } from './templates/InvitationAccepted.js';
import { InvitationReceived } from './templates/InvitationReceived.js';
import { InvitationReminder } from './templates/InvitationReminder.js';
import { StaleReminder } from './templates/StaleReminder.js';

export interface OutgoingEmail {
  /** The outbox row it comes from. */
  id: string;
  from: string;
  to: { name: string; address: string };
  subject: string;
  html: string;
  text: string;
  messageId: string;
  headers: Record<string, string>;
}

export interface ComposeOptions {
  publicUrl: string;
  mailFrom: string;
  /** Quote the note in the new-invitation email (RAPPORT_EMAIL_NOTE=1). */
  emailNote: boolean;
  staleReminderDays: number;
  now: number;
  /** The one-click token for this member and the kind's setting. */
  unsubscribeToken: string;
}

/** `<row id@domain of the From address>`: the same every time the row is sent. */
export function messageIdFor(rowId: string, mailFrom: string): string {
  const address = /<([^<>]+)>\s*$/.exec(mailFrom)?.[1] ?? mailFrom;
  const domain = address.split('@')[1]?.trim() || 'localhost';
  return `<${rowId}@${domain}>`;
}

export function unsubscribeUrl(publicUrl: string, token: string): string {
  return `${publicUrl}/api/v1/email/unsubscribe?token=${encodeURIComponent(token)}`;
}

const UNSUBSCRIBE_LABEL = {
  invitationReceived: 'Stop emails about new invitations',
  invitationAccepted: 'Stop emails about accepted invitations',
  reminders: 'Stop reminder emails',
} as const;

function ago(sentAt: number, now: number): string {
  const days = Math.max(1, Math.round((now - sentAt) / DAY));
  if (days < 14) return days === 1 ? '1 day ago' : `${days} days ago`;
  return `${Math.round(days / 7)} weeks ago`;
}

export async function composeEmail(
  row: OutboxRow,
  context: EmailContext,
  options: ComposeOptions,
): Promise<OutgoingEmail> {
  const to = context.to;
  if (!to) throw new Error('composeEmail needs the member the email is for');
  const setting = settingFor(row.kind);
  const unsubscribe = unsubscribeUrl(options.publicUrl, options.unsubscribeToken);
  const actorName = context.actor?.name ?? '';
  const actorHeadline = context.actor?.headline ?? '';
  const received = `${options.publicUrl}/mynetwork/invitation-manager/received`;
  // The frame's URLs are slots too: they differ per member (the token) and per deployment.
  const frameSlots = {
    unsub: unsubscribe,
    settings: `${options.publicUrl}/settings/email`,
    logo: `${options.publicUrl}/favicon.svg`,
  };
  const frameOf = (m: typeof frameSlots) => ({
    unsubscribe: { label: UNSUBSCRIBE_LABEL[setting], href: m.unsub },
    settingsHref: m.settings,
    logoSrc: m.logo,
  });

  let subject: string;
  let parts: { html: string; text: string };
  switch (row.kind) {
    case 'invitation_received': {
      const note = options.emailNote ? context.note : null;
      subject = `${actorName} wants to connect`;
      parts = await renderEmail(
        `received:${actorHeadline ? 'h' : ''}:${note !== null ? 'n' : ''}`,
        (m) =>
          createElement(InvitationReceived, {
            frame: frameOf(m),
            senderName: m.name,
            senderHeadline: actorHeadline ? m.headline : '',
            note: note !== null ? m.note : null,
            receivedHref: m.received,
          }),
        { ...frameSlots, name: actorName, headline: actorHeadline, note: note ?? '', received },
      );
      break;
    }
    case 'invitation_reminder': {
      const sentAt = context.facts.invitation?.sentAt ?? options.now;
      subject =
        row.step >= 2
          ? `Still waiting: ${actorName} wants to connect`
          : `${actorName} is waiting for your answer`;
      parts = await renderEmail(
        `reminder:${row.step >= 2 ? 2 : 1}:${actorHeadline ? 'h' : ''}`,
        (m) =>
          createElement(InvitationReminder, {
            frame: frameOf(m),
            senderName: m.name,
            senderHeadline: actorHeadline ? m.headline : '',
            sentAgo: m.ago,
            step: row.step,
            receivedHref: m.received,
          }),
        { ...frameSlots, name: actorName, headline: actorHeadline, ago: ago(sentAt, options.now), received },
      );
      break;
    }
    case 'invitation_accepted': {
      subject = `${actorName} accepted your invitation`;
      const profile = `${options.publicUrl}/in/${encodeURIComponent(context.actor?.id ?? '')}`;
      parts = await renderEmail(
        `accepted:${actorHeadline ? 'h' : ''}`,
        (m) =>
          createElement(InvitationAccepted, {
            frame: frameOf(m),
            memberName: m.name,
            memberHeadline: actorHeadline ? m.headline : '',
            profileHref: m.profile,
          }),
        { ...frameSlots, name: actorName, headline: actorHeadline, profile },
      );
      break;
    }
    case 'stale_invitations_reminder': {
      const n = context.facts.stalePending;
      const howMany = n === 1 ? '1 invitation you sent has' : `${n} invitations you sent have`;
      subject = `${howMany} been waiting for over ${options.staleReminderDays} days`;
      parts = await renderEmail(
        'stale',
        (m) =>
          createElement(StaleReminder, {
            frame: frameOf(m),
            howMany: m.howmany,
            staleDays: m.days,
            sentHref: m.sent,
          }),
        {
          ...frameSlots,
          howmany: howMany,
          days: String(options.staleReminderDays),
          sent: `${options.publicUrl}/mynetwork/invitation-manager/sent`,
        },
      );
      break;
    }
  }
  return {
    id: row.id,
    from: options.mailFrom,
    to: { name: to.name, address: to.email },
    subject,
    html: parts.html,
    text: parts.text,
    messageId: messageIdFor(row.id, options.mailFrom),
    headers: {
      'List-Unsubscribe': `<${unsubscribe}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
      // Automatic mail: no vacation replies back (RFC 3834).
      'Auto-Submitted': 'auto-generated',
    },
  };
}
