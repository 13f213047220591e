import type { ExpressionBuilder } from 'kysely';
import type { Database } from '../../storage/tables.js';

/**
 * The ids of the suspended members (M4), to leave out with `not in`: a suspended member reads as
 * deleted to everyone else. They are few, and the partial index members_suspended holds exactly
 * them, so the subquery reads that small index, never every member row.
 */
export function suspendedMemberIds<TB extends keyof Database>(eb: ExpressionBuilder<Database, TB>) {
  // The subquery names only its own table, whatever the outer query reads.
  return (eb as unknown as ExpressionBuilder<Database, never>)
    .selectFrom('members as suspended')
    .select('suspended.id')
    .where('suspended.suspended_at', 'is not', null);
}
