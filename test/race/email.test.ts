/**
 * N2 on PostgreSQL with real `rapport serve` processes, each running its mail worker against a
 * real SMTP server (smtp-server on loopback): two processes share 200 due emails and send each
 * exactly once; a process killed (SIGKILL) mid-batch loses none, and repeats an email at most
 * once and with the same Message-ID; and a withdrawal within the grace period never reaches the
 * mail server, however the processes run.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { Storage } from '../../src/storage/database.js';
import { makeDue, pendingOutboxRows } from '../../src/storage/repositories/outbox.js';
import { call, startCluster, type AppProcess, type Cluster } from '../helpers/cluster.js';
import { startServerProcess, type ServerProcess } from '../helpers/serverProcess.js';
import { startSmtpSink, type ReceivedMail, type SmtpSink } from '../helpers/smtpSink.js';

interface Member {
  id: string;
  email: string;
  token: string;
}

const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
}, 60_000);

/** Emails wait the full default grace period unless the test makes them due. */
function mailEnv(sink: SmtpSink, extra: Record<string, string> = {}): Record<string, string> {
  return {
    RAPPORT_SMTP_URL: sink.url,
    RAPPORT_PUBLIC_URL: 'http://rapport.test',
    RAPPORT_INVITES_PER_DAY: '10000',
    RAPPORT_INVITES_PER_WEEK: '10000',
    ...extra,
  };
}

let n = 0;
async function signUp(on: AppProcess | ServerProcess, name: string): Promise<Member> {
  n += 1;
  const email = `mail${n}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const res = await call(on as AppProcess, 'POST', '/auth/signup', null, {
    email,
    password: 'correct horse battery',
    name,
  });
  expect(res.status, res.where).toBe(201);
  const body = res.body as { member: { id: string }; token: string };
  return { id: body.member.id, email, token: body.token };
}

async function invite(on: AppProcess | ServerProcess, from: Member, to: Member): Promise<string> {
  const res = await call(on as AppProcess, 'POST', '/invitations', from.token, { recipientId: to.id });
  expect(res.status, res.where).toBe(201);
  return (res.body as { invitation: { id: string } }).invitation.id;
}

/** Ada invites `count` new members; their new-invitation emails are queued, not yet due. */
async function queueInvitations(on: AppProcess, count: number): Promise<Member[]> {
  const ada = await signUp(on, 'Ada Lovelace');
  const recipients: Member[] = [];
  for (let i = 0; i < count; i += 20) {
    const batch = await Promise.all(
      Array.from({ length: Math.min(20, count - i) }, (_, j) => signUp(on, `Recipient ${i + j}`)),
    );
    for (const r of batch) await invite(on, ada, r);
    recipients.push(...batch);
  }
  return recipients;
}

async function newInvitationRows(storage: Storage) {
  return pendingOutboxRows(storage.db, 'invitation_received');
}

/** Polls `check` until it holds: for what must happen, never to show that something did not. */
async function until(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

function byRecipient(mails: ReceivedMail[]): Map<string, ReceivedMail[]> {
  const map = new Map<string, ReceivedMail[]>();
  for (const m of mails) for (const to of m.to) map.set(to, [...(map.get(to) ?? []), m]);
  return map;
}

async function sentBy(proc: AppProcess): Promise<number> {
  const text = await (await fetch(`${proc.url}/metrics`)).text();
  return Number(/^rapport_emails_total\{outcome="sent"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

describe('N2 O2 the outbox across processes (PostgreSQL)', () => {
  it('two processes, 200 due emails: each delivered exactly once', async () => {
    // 100 ms a message, 5 connections a process: the work lasts seconds, while each process
    // polls every second.
    const sink = await startSmtpSink({ delayMs: 100 });
    closers.push(() => sink.close());
    const cluster: Cluster = await startCluster({ processes: 2, env: mailEnv(sink) });
    closers.push(() => cluster.close());
    const [a, b] = cluster.processes as [AppProcess, AppProcess];
    const recipients = await queueInvitations(a, 200);
    const rows = await newInvitationRows(cluster.storage);
    expect(rows).toHaveLength(200);
    expect(sink.messages).toEqual([]);

    await makeDue(
      cluster.storage.db,
      rows.map((r) => r.id),
      Date.now(),
    );
    await sink.waitFor(200, 60_000);
    // The marker that nothing more is coming: every row is gone from the outbox (a row is
    // deleted only once the mail server accepted its email).
    await until('the outbox to empty', async () => (await newInvitationRows(cluster.storage)).length === 0);

    const mails = byRecipient(sink.messages);
    expect(sink.messages).toHaveLength(200);
    expect([...mails.keys()].sort()).toEqual(recipients.map((r) => r.email).sort());
    expect(new Set(sink.messages.map((m) => m.parsed.messageId)).size).toBe(200);
    const [fromA, fromB] = [await sentBy(a), await sentBy(b)];
    expect(fromA + fromB).toBe(200);
    console.info(`200 due emails: process a sent ${fromA}, process b sent ${fromB}`);
  }, 180_000);

  it('SIGKILL mid-batch: no email lost; an email is repeated at most once, with the same Message-ID', async () => {
    const total = 60;
    // A slow mail server keeps the first process mid-batch when it dies.
    const sink = await startSmtpSink({ delayMs: 150 });
    closers.push(() => sink.close());
    const env = mailEnv(sink, { RAPPORT_EMAIL_LEASE_SECONDS: '3' });
    const cluster = await startCluster({ processes: 1, env });
    closers.push(() => cluster.close());
    const [a] = cluster.processes as [AppProcess];
    const recipients = await queueInvitations(a, total);
    const rows = await newInvitationRows(cluster.storage);
    expect(rows).toHaveLength(total);

    await makeDue(
      cluster.storage.db,
      rows.map((r) => r.id),
      Date.now(),
    );
    await sink.waitFor(10, 30_000);
    a.child.kill('SIGKILL');
    await new Promise((resolve) => a.child.once('exit', resolve));
    const atKill = sink.messages.length;
    expect(atKill).toBeLessThan(total);
    // What the dead process had claimed and not finished is still in the outbox.
    expect((await newInvitationRows(cluster.storage)).length).toBeGreaterThan(0);

    // Another process takes over once the dead one's claims run out.
    const b = await startServerProcess({ ...env, DATABASE_URL: cluster.databaseUrl, LOG_LEVEL: 'warn' });
    closers.push(() => b.kill('SIGTERM'));
    await until('every recipient to get the email', () => byRecipient(sink.messages).size === total);
    await until('the outbox to empty', async () => (await newInvitationRows(cluster.storage)).length === 0);

    const mails = byRecipient(sink.messages);
    expect([...mails.keys()].sort()).toEqual(recipients.map((r) => r.email).sort());
    let repeated = 0;
    for (const [to, copies] of mails) {
      expect(copies.length, `${to} got ${copies.length} copies`).toBeLessThanOrEqual(2);
      if (copies.length === 2) {
        repeated += 1;
        expect(copies[1]!.parsed.messageId).toBe(copies[0]!.parsed.messageId);
      }
    }
    // Only what was in flight at the kill can repeat: at most one per SMTP connection (5).
    expect(repeated).toBeLessThanOrEqual(5);
    console.info(`SIGKILL after ${atKill} of ${total} emails: ${repeated} repeated, none lost`);
  }, 180_000);

  it('I5 a withdrawal within the grace period: the serving processes never send it, while a later email goes', async () => {
    const sink = await startSmtpSink();
    closers.push(() => sink.close());
    const cluster = await startCluster({ processes: 2, env: mailEnv(sink) });
    closers.push(() => cluster.close());
    const [a, b] = cluster.processes as [AppProcess, AppProcess];
    const [ada, bob, carol, mark] = await Promise.all(
      ['Ada Lovelace', 'Bob Babbage', 'Carol Shaw', 'Mark Marker'].map((name) => signUp(a, name)),
    );
    const id = await invite(a, ada!, bob!);
    expect((await call(b, 'POST', `/invitations/${id}/withdraw`, ada!.token)).status).toBe(204);
    await invite(b, carol!, mark!);
    const rows = await newInvitationRows(cluster.storage);
    const toBob = rows.filter((r) => r.member_id === bob!.id);
    const toMark = rows.filter((r) => r.member_id === mark!.id);
    expect([toBob.length, toMark.length]).toEqual([1, 1]);

    // Both past their due time, Bob's first: Mark's email arriving shows Bob's was handled.
    const now = Date.now();
    await makeDue(
      cluster.storage.db,
      toBob.map((r) => r.id),
      now,
    );
    await makeDue(
      cluster.storage.db,
      toMark.map((r) => r.id),
      now + 1000,
    );
    await sink.waitFor(1, 30_000);
    await until('Bob’s row to be dropped', async () =>
      (await pendingOutboxRows(cluster.storage.db)).every((r) => r.member_id !== bob!.id),
    );
    expect(sink.to(mark!.email)).toHaveLength(1);
    expect(sink.to(bob!.email)).toEqual([]);
    const everything = sink.messages.map((m) => m.raw).join('\n');
    for (const trace of [bob!.email, ada!.id, 'Ada Lovelace', id]) expect(everything).not.toContain(trace);
  }, 120_000);
});
