import { sql, type ExpressionBuilder } from 'kysely';
import { DomainError } from '../domain/errors.js';
import { containsPattern } from '../storage/repositories/invitationLists.js';
import type { Database } from '../storage/tables.js';
import type { Actor, Deps } from './deps.js';

/** A position in the search results, which are ordered by name (lower-cased), then id. */
export interface NameKey {
  name: string;
  id: string;
}

export interface SearchResult {
  /** Up to limit + 1 rows, so the caller can tell whether another page follows. */
  rows: { id: string; name: string; headline: string; name_lower: string }[];
  total: number;
}

/**
 * Find members by name (A3): every member whose name contains the text (trimmed), ignoring case, in name
 * order (a directory reads alphabetically; newest-first would scatter namesakes). The viewer is
 * included, as on LinkedIn. Members who blocked the viewer, or whom the viewer blocked, never
 * appear.
 */
export async function searchMembers(
  deps: Deps,
  actor: Actor,
  input: { query: string; limit: number; after?: NameKey | undefined },
): Promise<SearchResult> {
  const text = input.query.trim();
  if (text === '') throw DomainError.validation('/query', 'must contain something other than spaces');
  // `%`, `_` and `\` typed by a person match literally: "100%" finds "100%", not "1000".
  const pattern = containsPattern(text.toLowerCase());
  const matches = (eb: ExpressionBuilder<Database, 'members'>) =>
    eb.and([
      sql<boolean>`${eb.ref('name_lower')} like ${pattern} escape '\\'`,
      eb('id', 'not in', eb.selectFrom('blocks').select('blocked_id').where('blocker_id', '=', actor.id)),
      eb('id', 'not in', eb.selectFrom('blocks').select('blocker_id').where('blocked_id', '=', actor.id)),
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
  return { rows, total: Number(count.n) };
}
