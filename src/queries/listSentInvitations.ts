import type { Actor, Deps } from '../commands/deps.js';
import { ttlCutoff } from '../domain/invitations.js';
import { DAY } from '../domain/time.js';
import { pageOf, type Page, type PageKey } from './support/paging.js';
import {
  countPending,
  listPending,
  pendingCounts,
  type ListedInvitation,
  type ListFilter,
} from './support/pendingInvitations.js';

export interface SentListInput {
  limit: number;
  after?: PageKey | undefined;
  /** Only invitations sent at least this many days ago (the "review old invitations" filter). */
  olderThanDays?: number | undefined;
  /** Only invitations whose recipient's name contains this text (any case). */
  query?: string | undefined;
}

/**
 * The Sent tab (I4, I9): my pending invitations, newest first, ignored ones included (the sender
 * never learns of an ignore). The total of the whole list is the counter kept on my member row;
 * a filtered list is counted, as no counter knows it.
 */
export async function listSentInvitations(
  deps: Deps,
  actor: Actor,
  input: SentListInput,
): Promise<Page<ListedInvitation>> {
  const now = deps.clock.now();
  const filter: ListFilter = {
    cutoff: ttlCutoff(now, deps.config.invitationTtlDays),
    sentAtOrBefore: input.olderThanDays === undefined ? undefined : now - input.olderThanDays * DAY,
    nameContains: input.query?.trim().toLowerCase() || undefined,
  };
  const rows = await listPending(
    deps.db,
    deps.dialect,
    'sent',
    actor.id,
    filter,
    input.after,
    input.limit + 1,
  );
  const filtered = filter.sentAtOrBefore !== undefined || filter.nameContains !== undefined;
  const total = filtered
    ? await countPending(deps.db, 'sent', actor.id, filter)
    : ((await pendingCounts(deps.db, actor.id, filter.cutoff))?.sent ?? 0);
  return pageOf(rows, input.limit, (r) => ({ t: r.sent_at, id: r.id }), total);
}
