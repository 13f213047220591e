/**
 * A read-through cache of how members are called (id, name, headline), per database handle, for
 * the lists of members a page names but is not about: the three shared connections on every row
 * of a Received or Sent page (P1). Read from `members`, they are 150 lookups a page, which on
 * SQLite cost as much again as the page itself.
 *
 * It is keyed by the list as stored (comma-joined ids), so a row costs one lookup. What it may
 * hold is never a question of visibility: callers ask only about ids they found in the database
 * for this viewer just now (a stored preview, kept exact with every connection change), and the
 * cache only says how those members are called. A member's own edit (PATCH /me) forgets every
 * list naming them in this process at once; another process (PostgreSQL with several app
 * processes) shows the new name once its entry is older than NAME_TTL_MS. Ids the database no
 * longer has are left out of the answer.
 */
import type { MemberSummary } from '../domain/members.js';
import type { Queryable } from './database.js';

/** How long another process may show a member's previous name after an edit. */
export const NAME_TTL_MS = 60_000;
/** Lists kept per database handle: a few hundred bytes each. */
const CAPACITY = 20_000;

interface Entry {
  members: MemberSummary[];
  readAt: number;
}

class MemberNames {
  private readonly entries = new Map<string, Entry>();
  /** Moves on every forget, so a read that began before an edit does not store what it read. */
  private generation = 0;

  constructor(private readonly db: Queryable) {}

  /** The members of each comma-joined id list, in the list's order (empty for null or ''). */
  async listsOf(lists: readonly (string | null)[]): Promise<MemberSummary[][]> {
    const now = Date.now();
    const answer: MemberSummary[][] = [];
    const missing: number[] = [];
    for (const [k, list] of lists.entries()) {
      if (!list) {
        answer.push([]);
        continue;
      }
      const entry = this.entries.get(list);
      if (entry && now - entry.readAt < NAME_TTL_MS) answer.push(entry.members);
      else {
        answer.push([]);
        missing.push(k);
      }
    }
    if (missing.length === 0) return answer;

    const ids = new Set(missing.flatMap((k) => (lists[k] as string).split(',')));
    const generation = this.generation;
    const rows = await this.db
      .selectFrom('members')
      .select(['id', 'name', 'headline'])
      .where('id', 'in', [...ids])
      .execute();
    const byId = new Map(
      rows.map((r) => [r.id, Object.freeze({ id: r.id, name: r.name, headline: r.headline })]),
    );
    const store = generation === this.generation;
    for (const k of missing) {
      const list = lists[k] as string;
      const members = Object.freeze(list.split(',').flatMap((id) => byId.get(id) ?? [])) as MemberSummary[];
      answer[k] = members;
      if (!store) continue;
      this.entries.delete(list);
      this.entries.set(list, { members, readAt: now });
    }
    // The oldest insertions go first: a Map iterates in insertion order.
    for (const key of this.entries.keys()) {
      if (this.entries.size <= CAPACITY) break;
      this.entries.delete(key);
    }
    return answer;
  }

  /** After the member's name or headline changed: no list naming them is answered from memory. */
  forget(id: string): void {
    this.generation++;
    for (const key of this.entries.keys()) if (key.includes(id)) this.entries.delete(key);
  }
}

const caches = new WeakMap<object, MemberNames>();

/** The cache of the database handle `db` (the root handle, never a transaction). */
export function memberNames(db: Queryable): MemberNames {
  let cache = caches.get(db);
  if (!cache) {
    cache = new MemberNames(db);
    caches.set(db, cache);
  }
  return cache;
}
