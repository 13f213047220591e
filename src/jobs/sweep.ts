import type { Deps } from '../commands/deps.js';

export interface SweepReport {
  expired: number;
  autoWithdrawn: number;
  remindersSent: number;
}

/**
 * Once: expire invitations past their TTL, apply members' auto-withdraw settings, send stale
 * reminders. Idempotent and safe when several processes run it at once.
 */
export async function runSweep(_deps: Deps): Promise<SweepReport> {
  return { expired: 0, autoWithdrawn: 0, remindersSent: 0 };
}
