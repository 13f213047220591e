/**
 * Turns a parsed import document and what the database already holds into the rows to write,
 * keeping the invariants the app keeps: one pending invitation per pair, no pending invitation
 * between connected members, nothing but history between blocked members, the connection cap,
 * and counters that match the rows. Pure: the first broken rule throws an ImportError naming
 * the record.
 */
import { DAY } from '../domain/time.js';
import { isPastTtl } from '../domain/invitations.js';
import { pairKey } from '../storage/ids.js';
import type { NewInvitation, NewMember, NewNotification } from '../storage/tables.js';
import { ImportError, type EmailOf, type ImportDocument } from './importDocument.js';

/** What the database already knows about the members and pairs the document names. */
export interface ExistingFacts {
  /** Members already registered, by normalized email. */
  members: Map<string, { id: string; connectionCount: number }>;
  /** Pair keys (storage/ids.ts pairKey) of connected pairs. */
  connected: Set<string>;
  /** Pair keys with a pending invitation that is not past its time to live. */
  pending: Set<string>;
  /** `${blockerId}>${blockedId}` for each block. */
  blocks: Set<string>;
}

export interface ImportRules {
  now: number;
  invitationTtlDays: number;
  maxConnections: number;
}

export type CounterName = 'connection_count' | 'pending_sent_count' | 'pending_received_count';

export interface ImportPlan {
  members: NewMember[];
  invitations: NewInvitation[];
  notifications: NewNotification[];
  connections: { a: string; b: string; at: number }[];
  blocks: { blocker_id: string; blocked_id: string; created_at: number }[];
  /** Counter changes for members who were already in the database (new ones are inserted right). */
  counterChanges: Map<string, Record<CounterName, number>>;
}

interface PairState {
  connected?: string;
  pending?: string;
}

const DATABASE = 'already in the database';

export function planImport(
  doc: ImportDocument,
  facts: ExistingFacts,
  rules: ImportRules,
  passwordHashes: readonly string[],
  newId: () => string,
): ImportPlan {
  const fail = (problem: string): never => {
    throw new ImportError([problem]);
  };
  const ids = new Map<string, string>();
  const counters = new Map<string, Record<CounterName, number>>();
  const bump = (id: string, counter: CounterName) => {
    const c = counters.get(id) ?? { connection_count: 0, pending_sent_count: 0, pending_received_count: 0 };
    c[counter] += 1;
    counters.set(id, c);
  };
  for (const [email, member] of facts.members) ids.set(email, member.id);

  const newMembers = doc.members.map((m) => {
    if (facts.members.has(m.emailNormalized)) fail(`${m.label}: email "${m.email}" is already registered`);
    const id = newId();
    ids.set(m.emailNormalized, id);
    return { m, id };
  });
  const idOf = (label: string, field: string, ref: EmailOf): string =>
    ids.get(ref.normalized) ?? fail(`${label}: ${field} "${ref.written}" is not a member`);

  const pairs = new Map<string, PairState>();
  const stateOf = (key: string): PairState => {
    let state = pairs.get(key);
    if (!state) {
      state = {
        ...(facts.connected.has(key) ? { connected: DATABASE } : {}),
        ...(facts.pending.has(key) ? { pending: DATABASE } : {}),
      };
      pairs.set(key, state);
    }
    return state;
  };
  const blockedInDatabase = (a: string, b: string) =>
    facts.blocks.has(`${a}>${b}`) || facts.blocks.has(`${b}>${a}`);
  const connectionCounts = new Map<string, number>();
  for (const member of facts.members.values()) connectionCounts.set(member.id, member.connectionCount);

  const connections: ImportPlan['connections'] = [];
  const connect = (label: string, a: string, b: string, refs: [EmailOf, EmailOf], at: number) => {
    for (const [id, ref] of [
      [a, refs[0]],
      [b, refs[1]],
    ] as const) {
      const count = (connectionCounts.get(id) ?? 0) + 1;
      if (count > rules.maxConnections) {
        fail(`${label}: "${ref.written}" would have more than ${rules.maxConnections} connections`);
      }
      connectionCounts.set(id, count);
      bump(id, 'connection_count');
    }
    connections.push({ a, b, at });
    stateOf(pairKey(a, b)).connected = label;
  };
  const between = (x: EmailOf, y: EmailOf) => `"${x.written}" and "${y.written}"`;
  /** A connection or a pending invitation needs a pair that is free of both, and unblocked. */
  const assertFree = (label: string, a: string, b: string, x: EmailOf, y: EmailOf) => {
    if (blockedInDatabase(a, b)) fail(`${label}: ${between(x, y)} have blocked each other (${DATABASE})`);
    const state = stateOf(pairKey(a, b));
    if (state.connected) fail(`${label}: ${between(x, y)} are already connected (${state.connected})`);
    if (state.pending) {
      fail(`${label}: ${between(x, y)} already have a pending invitation (${state.pending})`);
    }
  };

  for (const c of doc.connections) {
    const a = idOf(c.label, 'a', c.a);
    const b = idOf(c.label, 'b', c.b);
    assertFree(c.label, a, b, c.a, c.b);
    connect(c.label, a, b, [c.a, c.b], c.connectedAt);
  }

  const invitations: NewInvitation[] = [];
  const notifications: ImportPlan['notifications'] = [];
  for (const inv of doc.invitations) {
    const from = idOf(inv.label, 'from', inv.from);
    const to = idOf(inv.label, 'to', inv.to);
    const id = newId();
    const key = pairKey(from, to);
    const row: NewInvitation = {
      id,
      sender_id: from,
      recipient_id: to,
      pair_key: key,
      message: inv.message,
      sent_at: inv.sentAt,
      status: 'withdrawn',
      ignored_at: null,
      ended_at: inv.endedAt,
    };
    if (inv.status === 'accepted') {
      assertFree(inv.label, from, to, inv.from, inv.to);
      connect(inv.label, from, to, [inv.from, inv.to], inv.endedAt ?? inv.sentAt);
      row.status = 'accepted';
    } else if (inv.status === 'pending' || inv.status === 'ignored') {
      const ignoredAt = inv.status === 'ignored' ? (inv.endedAt ?? inv.sentAt) : null;
      row.ignored_at = ignoredAt;
      if (isPastTtl(inv.sentAt, rules.now, rules.invitationTtlDays)) {
        // Already past its time to live: recorded as the expiry it is, like the sweep would.
        row.status = 'expired';
        row.ended_at = inv.sentAt + rules.invitationTtlDays * DAY;
      } else {
        assertFree(inv.label, from, to, inv.from, inv.to);
        stateOf(key).pending = inv.label;
        row.status = 'pending';
        row.ended_at = null;
        bump(from, 'pending_sent_count');
        if (ignoredAt === null) {
          bump(to, 'pending_received_count');
          notifications.push({
            id: newId(),
            member_id: to,
            type: 'invitation_received',
            actor_id: from,
            invitation_id: id,
            count: null,
            created_at: inv.sentAt,
            read_at: null,
          });
        }
      }
    }
    invitations.push(row);
  }

  const blocks: ImportPlan['blocks'] = [];
  const blockSeen = new Map<string, string>();
  for (const b of doc.blocks) {
    const blocker = idOf(b.label, 'blocker', b.blocker);
    const blocked = idOf(b.label, 'blocked', b.blocked);
    const edge = `${blocker}>${blocked}`;
    const earlier = facts.blocks.has(edge) ? DATABASE : blockSeen.get(edge);
    if (earlier)
      fail(`${b.label}: "${b.blocker.written}" already blocks "${b.blocked.written}" (${earlier})`);
    const state = stateOf(pairKey(blocker, blocked));
    const pair = between(b.blocker, b.blocked);
    if (state.connected) fail(`${b.label}: ${pair} are connected (${state.connected}); a block ends that`);
    if (state.pending) {
      fail(`${b.label}: ${pair} have a pending invitation (${state.pending}); a block ends that`);
    }
    blockSeen.set(edge, b.label);
    blocks.push({ blocker_id: blocker, blocked_id: blocked, created_at: rules.now });
  }

  const members: NewMember[] = newMembers.map(({ m, id }, i) => {
    const c = counters.get(id);
    counters.delete(id);
    return {
      id,
      email: m.email,
      email_normalized: m.emailNormalized,
      password_hash: passwordHashes[i] as string,
      name: m.name,
      name_lower: m.name.toLowerCase(),
      headline: m.headline,
      who_can_invite: m.whoCanInvite,
      auto_withdraw_after_days: m.autoWithdrawAfterDays,
      connection_count: c?.connection_count ?? 0,
      pending_sent_count: c?.pending_sent_count ?? 0,
      pending_received_count: c?.pending_received_count ?? 0,
      last_stale_reminder_at: null,
      created_at: rules.now,
    };
  });
  return { members, invitations, notifications, connections, blocks, counterChanges: counters };
}
