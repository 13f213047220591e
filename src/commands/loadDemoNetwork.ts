import { DAY, HOUR, WEEK } from '../domain/time.js';
import { anyMemberExists } from '../storage/repositories/members.js';
import type { Trx } from '../storage/database.js';
import { newId } from '../storage/ids.js';
import { appendAudit } from '../storage/repositories/auditLog.js';
import { setModerator } from '../storage/repositories/moderation.js';
import { insertReport } from '../storage/repositories/reports.js';
import { bumpStanding } from '../storage/repositories/standing.js';
import type { Deps } from './deps.js';
import type { ImportPlan } from './importPlan.js';
import { importNetwork, type ImportSummary } from './importNetwork.js';
import { queueEmails } from './support/emails.js';

/** The member a newcomer signs in as (O1); every demo member has the same password. */
export const DEMO_LOGIN = { email: 'demo@rapport.test', password: 'rapport-demo' } as const;

/** The demo's moderator (M4): the /admin console, with one open report to look at. */
export const DEMO_MODERATOR = { email: 'amara@rapport.test', password: DEMO_LOGIN.password } as const;

const PEOPLE: [key: string, name: string, headline: string][] = [
  ['demo', 'Alex Morgan', 'Product designer at Northwind'],
  ['priya', 'Priya Raman', 'Staff engineer at Lumen Labs'],
  ['jonas', 'Jonas Weber', 'Data scientist · climate analytics'],
  ['amara', 'Amara Okafor', 'Engineering manager at Brightpath'],
  ['mateo', 'Mateo García', 'Founder, Tidewater Studio'],
  ['sofia', 'Sofia Lindqvist', 'UX researcher, accessibility'],
  ['kenji', 'Kenji Watanabe', 'Site reliability engineer at Kestrel Cloud'],
  ['chloe', 'Chloé Martin', 'Tech recruiter at Orbital'],
  ['daniel', 'Daniel Cohen', 'Backend developer and open-source maintainer'],
  ['fatima', 'Fatima Zahra Benali', 'Product manager, payments'],
  ['liam', 'Liam O’Connor', 'Computer science student at Trinity College'],
  ['hannah', 'Hannah Schmidt', 'Head of marketing at Fernhill'],
  ['ravi', 'Ravi Patel', 'Security consultant'],
  ['grace', 'Grace Liu', 'VP Engineering at Meridian Health'],
  ['noah', 'Noah Williams', 'Freelance illustrator'],
  // Two steps away from the demo member, through their connections: People you may know.
  ['elena', 'Elena Rossi', 'Design lead at Northwind'],
  ['omar', 'Omar Haddad', 'Frontend engineer at Lumen Labs'],
  ['yuki', 'Yuki Tanaka', 'Product analyst at Meridian Health'],
  ['ben', 'Ben Carter', 'Engineering manager at Kestrel Cloud'],
];

const email = (key: string) => (key === 'demo' ? DEMO_LOGIN.email : `${key}@rapport.test`);

/**
 * A small, lived-in network around the demo member: connections, invitations pending both ways
 * (some weeks old, some with a note, one the recipient ignored), a history of accepted and
 * withdrawn ones, and a member who accepts invitations only from people who know their email.
 * Connections overlap, so rows and profiles show mutual connections (P1) and the demo member
 * has people they may know (P2), ranked by how many connections they share.
 */
export function demoDocument(now: number) {
  const ago = (ms: number) => new Date(now - ms).toISOString();
  const invite = (from: string, to: string, sentAgo: number, extra: Record<string, unknown> = {}) => ({
    from: email(from),
    to: email(to),
    sentAt: ago(sentAgo),
    ...extra,
  });
  return {
    members: PEOPLE.map(([key, name, headline]) => ({
      email: email(key),
      password: DEMO_LOGIN.password,
      name,
      headline,
      ...(key === 'ravi' ? { whoCanInvite: 'email_required' } : {}),
    })),
    connections: [
      { a: email('demo'), b: email('priya'), connectedAt: ago(17 * WEEK) },
      { a: email('demo'), b: email('amara'), connectedAt: ago(9 * WEEK) },
      { a: email('priya'), b: email('daniel'), connectedAt: ago(30 * WEEK) },
      { a: email('amara'), b: email('grace'), connectedAt: ago(12 * WEEK) },
      { a: email('kenji'), b: email('daniel'), connectedAt: ago(5 * WEEK) },
      { a: email('sofia'), b: email('hannah'), connectedAt: ago(40 * DAY) },
      { a: email('mateo'), b: email('noah'), connectedAt: ago(3 * DAY) },
      // Shared with the demo member's senders and recipients: mutual connections on their rows.
      { a: email('mateo'), b: email('priya'), connectedAt: ago(20 * WEEK) },
      { a: email('mateo'), b: email('amara'), connectedAt: ago(14 * WEEK) },
      { a: email('fatima'), b: email('jonas'), connectedAt: ago(8 * WEEK) },
      { a: email('fatima'), b: email('daniel'), connectedAt: ago(25 * WEEK) },
      { a: email('fatima'), b: email('priya'), connectedAt: ago(6 * WEEK) },
      { a: email('chloe'), b: email('grace'), connectedAt: ago(10 * WEEK) },
      { a: email('sofia'), b: email('jonas'), connectedAt: ago(16 * WEEK) },
      // Two steps away: Elena shares three connections, Omar and Ben two, Yuki and Ravi one.
      { a: email('elena'), b: email('priya'), connectedAt: ago(22 * WEEK) },
      { a: email('elena'), b: email('amara'), connectedAt: ago(13 * WEEK) },
      { a: email('elena'), b: email('grace'), connectedAt: ago(7 * WEEK) },
      { a: email('omar'), b: email('priya'), connectedAt: ago(11 * WEEK) },
      { a: email('omar'), b: email('daniel'), connectedAt: ago(4 * WEEK) },
      { a: email('ben'), b: email('amara'), connectedAt: ago(18 * WEEK) },
      { a: email('ben'), b: email('jonas'), connectedAt: ago(2 * WEEK) },
      { a: email('yuki'), b: email('grace'), connectedAt: ago(15 * WEEK) },
      { a: email('ravi'), b: email('grace'), connectedAt: ago(21 * WEEK) },
    ],
    invitations: [
      // Received by the demo member: the Received tab.
      invite('mateo', 'demo', 2 * DAY + 3 * HOUR, {
        message:
          'Hi Alex — loved your talk on design systems at the Config meetup. Would be great to stay in touch!',
      }),
      invite('chloe', 'demo', 9 * DAY, {
        message:
          'Hello Alex, I’m hiring senior product designers at Orbital and your portfolio stood out. Open to a chat?',
      }),
      invite('liam', 'demo', 3 * WEEK),
      invite('fatima', 'demo', 5 * WEEK + 2 * DAY, {
        message: 'We were both on the checkout redesign panel. Let’s connect!',
      }),
      // Sent by the demo member: the Sent tab, some old enough to review.
      invite('demo', 'kenji', 4 * DAY, {
        message: 'Hi Kenji, we met at the SRE meetup in Berlin — keen to swap notes on incident reviews.',
      }),
      invite('demo', 'noah', 2 * WEEK),
      invite('demo', 'sofia', 6 * WEEK),
      // Hannah ignored this one; to the demo member it is simply still pending.
      invite('demo', 'hannah', 10 * WEEK, {
        message: 'Hi Hannah, I enjoyed your piece on brand voice. Would love to connect.',
        status: 'ignored',
        endedAt: ago(9 * WEEK),
      }),
      // History: accepted and withdrawn.
      invite('demo', 'jonas', 20 * DAY, {
        status: 'accepted',
        endedAt: ago(19 * DAY),
        message: 'Great workshop!',
      }),
      invite('demo', 'daniel', 46 * DAY, { status: 'accepted', endedAt: ago(45 * DAY + 5 * HOUR) }),
      invite('grace', 'demo', 30 * DAY, { status: 'accepted', endedAt: ago(29 * DAY) }),
      invite('demo', 'ravi', 8 * WEEK, { status: 'withdrawn', endedAt: ago(7 * WEEK) }),
      // Between other members.
      // Priya reported this one (spam), which ignored it: the moderators' open report.
      invite('noah', 'priya', 6 * DAY, {
        message: 'Fan of your writing on distributed systems.',
        status: 'ignored',
        endedAt: ago(5 * DAY),
      }),
      invite('grace', 'kenji', 11 * DAY),
    ],
    blocks: [],
  };
}

/**
 * The demo's first emails leave this soon after start, not after RAPPORT_EMAIL_DELAY_SECONDS, so
 * a newcomer finds them in the mailbox (README) within a minute; new ones keep the grace period.
 */
export const DEMO_EMAIL_DELAY_MS = 10_000;

/** How many of the demo member's received invitations are emailed at start: the newest ones. */
const DEMO_EMAILS = 2;

/**
 * Creates the demo network through the import path, only on a database with no members yet, and
 * in the same transaction queues the new-invitation emails of the demo member's newest received
 * invitations (re-checked at sending like any other: read them in the app first, and they stay).
 */
export async function loadDemoNetwork(deps: Deps): Promise<ImportSummary | null> {
  if (await anyMemberExists(deps.db)) return null;
  const now = deps.clock.now();
  return importNetwork(deps, demoDocument(now), async (trx, plan) => {
    const demo = plan.members.find((m) => m.email === DEMO_LOGIN.email);
    const received = plan.notifications
      .filter((n) => n.type === 'invitation_received' && n.member_id === demo?.id)
      .sort((a, b) => b.created_at - a.created_at)
      .slice(0, DEMO_EMAILS);
    const emails = received.map((n) => ({
      memberId: n.member_id,
      kind: 'invitation_received' as const,
      actorId: n.actor_id ?? null,
      invitationId: n.invitation_id ?? null,
      notificationId: n.id,
    }));
    await queueEmails(deps, trx, emails, now, { delayMs: DEMO_EMAIL_DELAY_MS });
    await addModeration(trx, plan, now);
  });
}

/** One moderator, granted as `rapport admin grant` would, and Priya's open report on Noah's invitation. */
async function addModeration(trx: Trx, plan: ImportPlan, now: number): Promise<void> {
  const byEmail = (address: string) => plan.members.find((m) => m.email === address);
  const moderator = byEmail(DEMO_MODERATOR.email);
  const [priya, noah] = [byEmail(email('priya')), byEmail(email('noah'))];
  const invitation = plan.invitations.find((i) => i.sender_id === noah?.id && i.recipient_id === priya?.id);
  if (!moderator || !priya || !noah || !invitation) throw new Error('the demo document lost its moderation');
  await setModerator(trx, moderator.id, true);
  await appendAudit(trx, {
    at: now,
    moderator: { operator: null },
    action: 'grant',
    target: { id: moderator.id, name: moderator.name },
    reason: 'demo network: the demo moderator',
  });
  await insertReport(trx, {
    id: newId(),
    reporter_id: priya.id,
    reported_id: noah.id,
    invitation_id: invitation.id,
    reason: 'spam',
    comment: 'The same note went to half of my team this week.',
    created_at: now - 5 * DAY,
    status: 'open',
    snapshot_reporter_name: priya.name,
    snapshot_reported_name: noah.name,
    snapshot_message: invitation.message ?? null,
    snapshot_sent_at: invitation.sent_at,
  });
  await bumpStanding(trx, noah.id, now - 5 * DAY, 'invitation_reports');
}
