import { sql, type ExpressionBuilder } from 'kysely';
import type { Actor, Deps } from '../commands/deps.js';
import { DomainError } from '../domain/errors.js';
import type { MemberSummary } from '../domain/members.js';
import type { Database } from '../storage/tables.js';
import { containsPattern } from './support/containsPattern.js';
import { pageOf, type Page } from './support/paging.js';

/** A position in the search results, which are ordered by name (lower-cased), then id. */
export interface NameKey {
  name: string;
  id: string;
}

/**
 * Find members by name (A3): every member whose name contains the text (trimmed), ignoring case, in name
 * order (a directory reads alphabetically; newest-first would scatter namesakes). The viewer is
 * left out: searching "a" should find other people, not open one's own profile first. Members who
 * blocked the viewer, or whom the viewer blocked, never appear.
 */
export async function searchMembers(
  deps: Deps,
  actor: Actor,
  input: { query: string; limit: number; after?: NameKey | undefined },
): Promise<Page<MemberSummary & { name_lower: string }, NameKey>> {
  const text = input.query.trim();
  if (text === '') throw DomainError.validation('/query', 'must contain something other than spaces');
  // `%`, `_` and `\` typed by a person match literally: "100%" finds "100%", not "1000".
  const pattern = containsPattern(text.toLowerCase());
  const matches = (eb: ExpressionBuilder<Database, 'members'>) =>
    eb.and([
      sql<boolean>`${eb.ref('name_lower')} like ${pattern} escape '\\'`,
      eb('id', '!=', actor.id),
      eb('id', 'not in', eb.selectFrom('blocks').select('blocked_id').where('blocker_id', '=', actor.id)),
      eb('id', 'not in', eb.selectFrom('blocks').select('blocker_id').where('blocked_id', '=', actor.id)),
      // A suspended member reads as deleted (M4); the partial index members_suspended holds them.
      eb(
        'id',
        'not in',
        eb.selectFrom('members as s').select('s.id').where('s.suspended_at', 'is not', null),
      ),
    ]);
  let query = deps.db
    .selectFrom('members')
    .select(['id', 'name', 'headline', 'name_lower'])
    .where(matches)
    .orderBy('name_lower', 'asc')
    .orderBy('id', 'asc')
    .limit(input.limit + 1);
  const after = input.after;
  if (after) {
    query = query.where((eb) =>
      eb.or([
        eb('name_lower', '>', after.name),
        eb.and([eb('name_lower', '=', after.name), eb('id', '>', after.id)]),
      ]),
    );
  }
  const [rows, count] = await Promise.all([
    query.execute(),
    deps.db
      .selectFrom('members')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where(matches)
      .executeTakeFirstOrThrow(),
  ]);
  return pageOf(rows, input.limit, (r) => ({ name: r.name_lower, id: r.id }), Number(count.n));
}
