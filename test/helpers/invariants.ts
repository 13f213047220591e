/**
 * What must hold in the database after any interleaving of requests, whatever the dialect and
 * however many processes wrote it. Each check is one portable query that lists the offending
 * rows, so a failure names them. Race tests call expectInvariants after every round; any test
 * may call it after building a network.
 */
import { sql } from 'kysely';
import type { Db } from '../../src/storage/database.js';

export interface Violation {
  invariant: string;
  rows: unknown[];
}

type Check = (db: Db) => Promise<unknown[]>;

const CHECKS: Record<string, Check> = {
  'one pending invitation per pair': (db) =>
    db
      .selectFrom('invitations')
      .select(['pair_key', (eb) => eb.fn.countAll<number>().as('pending')])
      .where('status', '=', 'pending')
      .groupBy('pair_key')
      .having((eb) => eb.fn.countAll(), '>', 1)
      .execute(),

  'pair_key names the sender and the recipient, who are two members': (db) =>
    db
      .selectFrom('invitations')
      .select(['id', 'sender_id', 'recipient_id', 'pair_key'])
      .where((eb) =>
        eb.or([
          eb('sender_id', '=', eb.ref('recipient_id')),
          eb.and([
            eb('sender_id', '<', eb.ref('recipient_id')),
            eb('pair_key', '!=', sql<string>`sender_id || ':' || recipient_id`),
          ]),
          eb.and([
            eb('sender_id', '>', eb.ref('recipient_id')),
            eb('pair_key', '!=', sql<string>`recipient_id || ':' || sender_id`),
          ]),
        ]),
      )
      .execute(),

  'an invitation that ended has ended_at, a pending one has not': (db) =>
    db
      .selectFrom('invitations')
      .select(['id', 'status', 'ended_at'])
      .where((eb) =>
        eb.or([
          eb.and([eb('status', '=', 'pending'), eb('ended_at', 'is not', null)]),
          eb.and([eb('status', '!=', 'pending'), eb('ended_at', 'is', null)]),
        ]),
      )
      .execute(),

  'connections are symmetric (both directed rows)': (db) =>
    db
      .selectFrom('connections as c')
      .select(['c.member_id', 'c.other_id'])
      .where((eb) =>
        eb.not(
          eb.exists(
            eb
              .selectFrom('connections as r')
              .select('r.member_id')
              .whereRef('r.member_id', '=', 'c.other_id')
              .whereRef('r.other_id', '=', 'c.member_id')
              .whereRef('r.connected_at', '=', 'c.connected_at'),
          ),
        ),
      )
      .execute(),

  'nobody is connected to themselves': (db) =>
    db.selectFrom('connections').select(['member_id']).whereRef('member_id', '=', 'other_id').execute(),

  'members’ counters equal a recount': (db) =>
    db
      .selectFrom('members as m')
      .select((eb) => [
        'm.id',
        'm.connection_count',
        'm.pending_sent_count',
        'm.pending_received_count',
        eb
          .selectFrom('connections as c')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('c.member_id', '=', 'm.id')
          .as('connections'),
        eb
          .selectFrom('invitations as i')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('i.sender_id', '=', 'm.id')
          .where('i.status', '=', 'pending')
          .as('pending_sent'),
        eb
          .selectFrom('invitations as i')
          .select((c) => c.fn.countAll<number>().as('n'))
          .whereRef('i.recipient_id', '=', 'm.id')
          .where('i.status', '=', 'pending')
          .where('i.ignored_at', 'is', null)
          .as('pending_received'),
      ])
      .execute()
      .then((rows) =>
        rows.filter(
          (r) =>
            Number(r.connections) !== r.connection_count ||
            Number(r.pending_sent) !== r.pending_sent_count ||
            Number(r.pending_received) !== r.pending_received_count,
        ),
      ),

  'no notification points at a withdrawn invitation': (db) =>
    db
      .selectFrom('notifications as n')
      .innerJoin('invitations as i', 'i.id', 'n.invitation_id')
      .select(['n.id', 'n.member_id', 'n.type', 'i.id as invitation_id'])
      .where('i.status', '=', 'withdrawn')
      .execute(),

  '"sent you an invitation" is only about a pending invitation the recipient has not ignored': (db) =>
    db
      .selectFrom('notifications as n')
      .leftJoin('invitations as i', 'i.id', 'n.invitation_id')
      .select(['n.id', 'n.member_id', 'i.id as invitation_id', 'i.status', 'i.ignored_at'])
      .where('n.type', '=', 'invitation_received')
      .where((eb) =>
        eb.or([
          eb('i.id', 'is', null),
          eb('i.status', '!=', 'pending'),
          eb('i.ignored_at', 'is not', null),
          eb('n.member_id', '!=', eb.ref('i.recipient_id')),
        ]),
      )
      .execute(),

  '"accepted your invitation" is only about an accepted invitation, told to its sender': (db) =>
    db
      .selectFrom('notifications as n')
      .leftJoin('invitations as i', 'i.id', 'n.invitation_id')
      .select(['n.id', 'n.member_id', 'i.id as invitation_id', 'i.status'])
      .where('n.type', '=', 'invitation_accepted')
      .where('n.invitation_id', 'is not', null)
      .where((eb) =>
        eb.or([
          eb('i.id', 'is', null),
          eb('i.status', '!=', 'accepted'),
          eb('n.member_id', '!=', eb.ref('i.sender_id')),
        ]),
      )
      .execute(),

  'no connection between a blocked pair': (db) =>
    db
      .selectFrom('blocks as b')
      .innerJoin('connections as c', (join) =>
        join.onRef('c.member_id', '=', 'b.blocker_id').onRef('c.other_id', '=', 'b.blocked_id'),
      )
      .select(['b.blocker_id', 'b.blocked_id'])
      .execute(),

  'no pending invitation between a blocked pair': (db) =>
    db
      .selectFrom('blocks as b')
      .innerJoin('invitations as i', (join) =>
        join.on((eb) =>
          eb.or([
            eb.and([
              eb('i.sender_id', '=', eb.ref('b.blocker_id')),
              eb('i.recipient_id', '=', eb.ref('b.blocked_id')),
            ]),
            eb.and([
              eb('i.sender_id', '=', eb.ref('b.blocked_id')),
              eb('i.recipient_id', '=', eb.ref('b.blocker_id')),
            ]),
          ]),
        ),
      )
      .select(['b.blocker_id', 'b.blocked_id', 'i.id'])
      .where('i.status', '=', 'pending')
      .execute(),

  'no notification between a blocked pair': (db) =>
    db
      .selectFrom('blocks as b')
      .innerJoin('notifications as n', (join) =>
        join.on((eb) =>
          eb.or([
            eb.and([
              eb('n.member_id', '=', eb.ref('b.blocker_id')),
              eb('n.actor_id', '=', eb.ref('b.blocked_id')),
            ]),
            eb.and([
              eb('n.member_id', '=', eb.ref('b.blocked_id')),
              eb('n.actor_id', '=', eb.ref('b.blocker_id')),
            ]),
          ]),
        ),
      )
      .select(['b.blocker_id', 'b.blocked_id', 'n.id'])
      .execute(),

  'no pending invitation between connected members': (db) =>
    db
      .selectFrom('invitations as i')
      .innerJoin('connections as c', (join) =>
        join.onRef('c.member_id', '=', 'i.sender_id').onRef('c.other_id', '=', 'i.recipient_id'),
      )
      .select(['i.id', 'i.sender_id', 'i.recipient_id'])
      .where('i.status', '=', 'pending')
      .execute(),
};

/** Every invariant that does not hold, with the rows that break it; empty when all hold. */
export async function findViolations(db: Db): Promise<Violation[]> {
  const violations: Violation[] = [];
  for (const [invariant, check] of Object.entries(CHECKS)) {
    const rows = await check(db);
    if (rows.length > 0) violations.push({ invariant, rows });
  }
  return violations;
}

/** Throws, naming every broken invariant and its rows, unless they all hold. */
export async function expectInvariants(db: Db, context = ''): Promise<void> {
  const violations = await findViolations(db);
  if (violations.length === 0) return;
  const lines = violations.map((v) => `- ${v.invariant}: ${JSON.stringify(v.rows.slice(0, 5))}`);
  throw new Error(`invariants broken${context ? ` ${context}` : ''}:\n${lines.join('\n')}`);
}

export const INVARIANTS = Object.keys(CHECKS);
