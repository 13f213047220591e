import type { Actor, Deps } from '../commands/deps.js';
import { ttlCutoff } from '../domain/invitations.js';
import { pageOf, type Page, type PageKey } from './support/paging.js';
import { listPending, pendingCounts, type ListedInvitation } from './support/pendingInvitations.js';

/**
 * The Received tab (I4): pending invitations to me that I have not ignored, newest first; the
 * total is the counter kept on my member row, less any past their time to live.
 */
export async function listReceivedInvitations(
  deps: Deps,
  actor: Actor,
  input: {
    limit: number;
    after?: PageKey | undefined;
    /** Without the mutual connections (P1): only the benchmark's baseline asks for that. */
    mutuals?: boolean;
  },
): Promise<Page<ListedInvitation>> {
  const cutoff = ttlCutoff(deps.clock.now(), deps.config.invitationTtlDays);
  const rows = await listPending(
    deps.db,
    deps.dialect,
    'received',
    actor.id,
    { cutoff },
    input.after,
    input.limit + 1,
    input.mutuals ?? true,
  );
  const total = (await pendingCounts(deps.db, actor.id, cutoff))?.received ?? 0;
  return pageOf(rows, input.limit, (r) => ({ t: r.sent_at, id: r.id }), total);
}
