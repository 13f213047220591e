import type { Deps } from '../deps.js';
import type { Trx } from '../../storage/database.js';
import { newId } from '../../storage/ids.js';
import { insertOutboxRows } from '../../storage/repositories/outbox.js';
import type { EmailKind, NewOutboxRow } from '../../storage/tables.js';

export interface EmailToQueue {
  memberId: string;
  kind: EmailKind;
  actorId: string | null;
  invitationId: string | null;
  notificationId: string | null;
}

/**
 * Queues emails in the transaction of the change they tell of (N2): due after the grace period
 * (RAPPORT_EMAIL_DELAY_SECONDS), when the mail worker re-checks them before sending.
 */
export async function queueEmails(
  deps: Deps,
  trx: Trx,
  emails: readonly EmailToQueue[],
  at: number,
  options: { delayMs?: number } = {},
): Promise<void> {
  const due = at + (options.delayMs ?? deps.config.emailDelaySeconds * 1000);
  const rows: NewOutboxRow[] = emails.map((e) => ({
    id: newId(),
    member_id: e.memberId,
    kind: e.kind,
    actor_id: e.actorId,
    invitation_id: e.invitationId,
    notification_id: e.notificationId,
    due_at: due,
    first_due_at: due,
    last_error: null,
    created_at: at,
  }));
  for (let i = 0; i < rows.length; i += 500) await insertOutboxRows(trx, rows.slice(i, i + 500));
}
