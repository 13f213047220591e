import { isPastTtl } from '../domain/invitations.js';
import { DAY } from '../domain/time.js';
import { hashPassword } from '../security/passwords.js';
import type { Trx } from '../storage/database.js';
import { chunk } from '../storage/chunk.js';
import { newId, pairKey } from '../storage/ids.js';
import { recomputeMutualCounts } from '../storage/repositories/mutualCounts.js';
import { blocksWithin, insertBlocks } from '../storage/repositories/blocks.js';
import { connectedWithin, insertConnections } from '../storage/repositories/connections.js';
import {
  endPendingInvitations,
  insertInvitations,
  pendingByPairKeys,
} from '../storage/repositories/invitations.js';
import {
  adjustCounter,
  connectionCountsOf,
  findMembersByEmails,
  insertMembers,
  lockMembers,
} from '../storage/repositories/members.js';
import { insertNotificationRows } from '../storage/repositories/notifications.js';
import { inTransaction, type Deps, type EventSink } from './deps.js';
import { parseImportDocument, type ImportDocument } from './importDocument.js';
import { planImport, type CounterName, type ExistingFacts, type ImportPlan } from './importPlan.js';
import { afterInvitationsEnded } from './support/endInvitations.js';

export { ImportError } from './importDocument.js';

export interface ImportSummary {
  members: number;
  connections: number;
  invitations: number;
  blocks: number;
}

/**
 * `rapport import` (O3): loads members, connections, invitations and blocks with explicit
 * timestamps, all or nothing. The whole file is checked before anything is written; then one
 * transaction checks it against the database and writes it in batches. Any bad record refuses
 * the import with an ImportError naming it, and nothing is written.
 */
export async function importNetwork(
  deps: Deps,
  raw: unknown,
  /** More writes that belong to the same change (the demo's first emails), in its transaction. */
  alsoInTransaction?: (trx: Trx, plan: ImportPlan) => Promise<void>,
): Promise<ImportSummary> {
  const now = deps.clock.now();
  const doc = parseImportDocument(raw, now);
  const hashes = await hashPasswords(
    doc.members.map((m) => m.password),
    deps.config.scryptLogN,
  );
  return inTransaction(deps, async (trx, events) => {
    const facts = await loadFacts(deps, trx, events, doc, now);
    const plan = planImport(
      doc,
      facts,
      { now, invitationTtlDays: deps.config.invitationTtlDays, maxConnections: deps.config.maxConnections },
      hashes,
      newId,
    );
    await write(trx, plan);
    await alsoInTransaction?.(trx, plan);
    return {
      members: plan.members.length,
      connections: plan.connections.length,
      invitations: plan.invitations.length,
      blocks: plan.blocks.length,
    };
  });
}

/**
 * scrypt is slow on purpose, so a password that repeats in one file (fixtures often share one)
 * is hashed once; different passwords get their own salt as always. Runs before the transaction.
 */
async function hashPasswords(passwords: string[], logN: number): Promise<string[]> {
  const distinct = [...new Set(passwords)];
  const hashes = new Map<string, string>();
  for (let i = 0; i < distinct.length; i += 4) {
    const slice = distinct.slice(i, i + 4);
    const done = await Promise.all(slice.map((p) => hashPassword(p, logN)));
    slice.forEach((p, j) => hashes.set(p, done[j] as string));
  }
  return passwords.map((p) => hashes.get(p) as string);
}

/**
 * What the database holds about the members the file names and about the pairs among those
 * already registered. Members are locked first (PostgreSQL), so nothing changes under the check.
 */
async function loadFacts(
  deps: Deps,
  trx: Trx,
  events: EventSink,
  doc: ImportDocument,
  now: number,
): Promise<ExistingFacts> {
  const emails = new Set<string>(doc.members.map((m) => m.emailNormalized));
  for (const c of doc.connections) emails.add(c.a.normalized).add(c.b.normalized);
  for (const i of doc.invitations) emails.add(i.from.normalized).add(i.to.normalized);
  for (const b of doc.blocks) emails.add(b.blocker.normalized).add(b.blocked.normalized);

  const found = await findMembersByEmails(trx, [...emails]);
  const facts: ExistingFacts = {
    members: new Map(),
    connected: new Set(),
    pending: new Set(),
    blocks: new Set(),
  };
  if (found.length === 0) return facts;
  await lockMembers(
    trx,
    deps.dialect,
    found.map((m) => m.id),
  );
  const idByEmail = new Map(found.map((m) => [m.email_normalized, m.id]));
  for (const r of await connectionCountsOf(
    trx,
    found.map((m) => m.id),
  )) {
    facts.members.set(r.email_normalized, { id: r.id, connectionCount: r.connection_count });
  }

  // Pairs where both members already exist: only those can have rows in the database.
  const pairs = new Map<string, [string, string]>();
  const addPair = (x: string, y: string) => {
    const a = idByEmail.get(x);
    const b = idByEmail.get(y);
    if (a && b && a !== b) pairs.set(pairKey(a, b), a < b ? [a, b] : [b, a]);
  };
  for (const c of doc.connections) addPair(c.a.normalized, c.b.normalized);
  for (const i of doc.invitations) addPair(i.from.normalized, i.to.normalized);
  for (const b of doc.blocks) addPair(b.blocker.normalized, b.blocked.normalized);

  facts.connected = await connectedWithin(trx, [...pairs.values()]);
  facts.blocks = await blocksWithin(trx, [...pairs.values()]);

  const pastTtl: string[] = [];
  for (const p of await pendingByPairKeys(trx, [...pairs.keys()])) {
    if (isPastTtl(p.sent_at, now, deps.config.invitationTtlDays)) pastTtl.push(p.id);
    else facts.pending.add(p.pair_key);
  }
  // Past its time but not yet swept: record the expiry now, so the pair is free for the import.
  if (pastTtl.length > 0) {
    const ended = await endPendingInvitations(trx, pastTtl, 'expired', now, {
      ttlMs: deps.config.invitationTtlDays * DAY,
    });
    await afterInvitationsEnded(deps, trx, events, ended, 'expired');
  }
  return facts;
}

async function write(trx: Trx, plan: ImportPlan): Promise<void> {
  await insertMembers(trx, plan.members);
  await insertInvitations(trx, plan.invitations);
  // Counted over the connections already there; the ones imported next move them as they land.
  for (const part of chunk(plan.invitations.filter((i) => i.status === 'pending'))) {
    await recomputeMutualCounts(
      trx,
      part.map((i) => i.id),
    );
  }
  await insertNotificationRows(trx, plan.notifications);
  await insertConnections(trx, plan.connections);
  await insertBlocks(trx, plan.blocks);

  // Members already registered: their counters move by what the import added for them.
  for (const counter of [
    'connection_count',
    'pending_sent_count',
    'pending_received_count',
  ] as CounterName[]) {
    const byDelta = new Map<number, string[]>();
    for (const [id, change] of plan.counterChanges) {
      const delta = change[counter];
      if (delta === 0) continue;
      const ids = byDelta.get(delta) ?? [];
      ids.push(id);
      byDelta.set(delta, ids);
    }
    for (const [delta, ids] of byDelta) await adjustCounter(trx, counter, ids, delta);
  }
}
