import { sql } from 'kysely';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { inTransaction } from '../../src/commands/deps.js';
import type { LiveEvent } from '../../src/events/bus.js';
import { createTestApp, type TestApp, type TestMember } from '../helpers/app.js';

let t: TestApp;
let a: TestMember;
let b: TestMember;
beforeEach(async () => {
  t = await createTestApp();
  [a, b] = [await t.signUp('Ada'), await t.signUp('Ben')];
});
afterEach(() => t.close());

const event = (n: number): LiveEvent => ({ type: 'notification', memberId: 'm', notificationId: `n${n}` });

describe('O2 inTransaction on PostgreSQL: a transaction the server aborted whole is run again', () => {
  it('O2 a deadlock victim is retried from the start, and only the committed attempt’s events are published', async () => {
    const published: LiveEvent[][] = [];
    t.deps.bus.publish = (events) => void published.push([...events]);
    let attempts = 0;
    const result = await inTransaction(t.deps, async (_trx, events) => {
      attempts++;
      events.emit(event(attempts));
      if (attempts < 3) throw Object.assign(new Error('deadlock detected'), { code: '40P01' });
      return 'done';
    });
    expect(result).toBe('done');
    expect(attempts).toBe(3);
    expect(published).toEqual([[event(3)]]);
  });

  it('O2 two transactions that lock the same rows in opposite orders both complete', async () => {
    // The order lockMembers forbids, on purpose: PostgreSQL aborts one, inTransaction reruns it.
    const lockBoth = (first: string, second: string) =>
      inTransaction(t.deps, async (trx) => {
        await trx.selectFrom('members').select('id').where('id', '=', first).forUpdate().execute();
        await new Promise((r) => setTimeout(r, 100));
        await trx.selectFrom('members').select('id').where('id', '=', second).forUpdate().execute();
        await trx
          .updateTable('members')
          .set({ headline: sql<string>`headline || ${sql.lit('!')}` })
          .where('id', 'in', [first, second])
          .execute();
      });
    await Promise.all([lockBoth(a.id, b.id), lockBoth(b.id, a.id)]);
    const rows = await t.deps.db.selectFrom('members').select('headline').orderBy('id').execute();
    expect(rows.map((r) => r.headline.endsWith('!!'))).toEqual([true, true]);
  });

  it('O2 other errors are not retried', async () => {
    let attempts = 0;
    await expect(
      inTransaction(t.deps, async () => {
        attempts++;
        throw Object.assign(new Error('unique violation'), { code: '23505' });
      }),
    ).rejects.toThrow('unique violation');
    expect(attempts).toBe(1);
  });
});
