/**
 * O2 live events cross processes: a member's open page (its live stream) is connected to one
 * app process, and what other processes do reaches it through PostgreSQL LISTEN/NOTIFY, or, in
 * the `redis` project, through Redis pub/sub (RAPPORT_BUS_URL).
 */
import { sql } from 'kysely';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { call, startCluster, type AppProcess, type Cluster } from '../helpers/cluster.js';
import { expectInvariants } from '../helpers/invariants.js';
import { redisClient } from '../helpers/redis.js';
import { openLiveStream, type LiveStream, type SseEvent } from '../helpers/sse.js';

interface Member {
  id: string;
  email: string;
  token: string;
}

let cluster: Cluster;
let a: AppProcess;
let b: AppProcess;
let c: AppProcess;
const streams: LiveStream[] = [];

beforeAll(async () => {
  cluster = await startCluster({ processes: 3 });
  [a, b, c] = cluster.processes as [AppProcess, AppProcess, AppProcess];
  if (cluster.busChannel) {
    // On the Redis bus, every process subscribes to the cluster's channel, and none LISTENs.
    const redis = await redisClient();
    const numsub = (await redis.pubsub('NUMSUB', cluster.busChannel)) as [string, number];
    await redis.quit();
    expect(Number(numsub[1])).toBe(3);
    const { rows } = await sql<{ n: string }>`
      select count(*) as n from pg_stat_activity
      where application_name = 'rapport-live' and datname = current_database()`.execute(cluster.storage.db);
    expect(Number(rows[0]?.n)).toBe(0);
  }
}, 120_000);
afterEach(async () => {
  await Promise.all(streams.splice(0).map((s) => s.close()));
});
afterAll(async () => {
  await cluster?.close();
}, 60_000);

let n = 0;
const PASSWORD = 'correct horse battery';
async function signUp(on: AppProcess): Promise<Member> {
  n += 1;
  const email = `live${n}-${Math.random().toString(36).slice(2, 8)}@example.test`;
  const res = await call(on, 'POST', '/auth/signup', null, {
    email,
    password: PASSWORD,
    name: `Live ${n}`,
  });
  expect(res.status).toBe(201);
  const body = res.body as { member: { id: string }; token: string };
  return { id: body.member.id, email, token: body.token };
}

async function stream(on: AppProcess, member: Member): Promise<LiveStream> {
  const s = await openLiveStream(on.url, { token: member.token });
  streams.push(s);
  return s;
}

const ofType = (events: SseEvent[], type: string) => events.filter((e) => e.event === type);

describe('O2 live events cross app processes', () => {
  it('O2 I5 N1 an invitation sent through B appears on the stream held by A, and vanishes when withdrawn through C', async () => {
    const sender = await signUp(b);
    const recipient = await signUp(c);
    const onA = await stream(a, recipient);

    const sent = await call(b, 'POST', '/invitations', sender.token, {
      recipientId: recipient.id,
      message: 'Hi',
    });
    expect(sent.status).toBe(201);
    const invitationId = (sent.body as { invitation: { id: string } }).invitation.id;
    await onA.waitFor((events) => ofType(events, 'notification').length > 0, 10_000);
    const [notification] = ofType(onA.events, 'notification');
    expect(notification?.data).toMatchObject({
      type: 'invitation_received',
      invitationId,
      actor: { id: sender.id },
      read: false,
    });
    const notificationId = (notification?.data as { id: string }).id;

    expect((await call(c, 'POST', `/invitations/${invitationId}/withdraw`, sender.token)).status).toBe(204);
    await onA.waitFor(
      (events) =>
        ofType(events, 'invitation_removed').length > 0 && ofType(events, 'notification_removed').length > 0,
      10_000,
    );
    await onA.settle(300);
    expect(ofType(onA.events, 'invitation_removed').map((e) => e.data)).toEqual([{ id: invitationId }]);
    expect(ofType(onA.events, 'notification_removed').map((e) => e.data)).toEqual([{ id: notificationId }]);
    // Exactly once, and nothing else: the withdrawal itself is never announced.
    expect(onA.events.map((e) => e.event).sort()).toEqual([
      'invitation_removed',
      'notification',
      'notification_removed',
    ]);
    await expectInvariants(cluster.storage.db);
  });

  it('O2 N1 every process delivers an event once, the publishing process included', async () => {
    const sender = await signUp(a);
    const recipient = await signUp(b);
    // The sender's pages on two processes; the recipient accepts through one of them (B).
    const senderOnA = await stream(a, sender);
    const senderOnB = await stream(b, sender);
    const bystander = await stream(c, await signUp(c));
    const sent = await call(c, 'POST', '/invitations', sender.token, { recipientId: recipient.id });
    const invitationId = (sent.body as { invitation: { id: string } }).invitation.id;

    expect((await call(b, 'POST', `/invitations/${invitationId}/accept`, recipient.token)).status).toBe(200);
    for (const s of [senderOnA, senderOnB]) {
      await s.waitFor((events) => ofType(events, 'notification').length > 0, 10_000);
    }
    await Promise.all([senderOnA.settle(300), senderOnB.settle(300)]);
    for (const s of [senderOnA, senderOnB]) {
      expect(s.events).toEqual([
        {
          event: 'notification',
          data: expect.objectContaining({
            type: 'invitation_accepted',
            invitationId,
            actor: expect.objectContaining({ id: recipient.id }),
          }),
        },
      ]);
    }
    expect(bystander.events).toEqual([]);
  });

  it('A1 A5 a session ended through one process closes its streams on the others within seconds', async () => {
    // The processes keep streams alive every 15 s: closing sooner is the session's end crossing over.
    const member = await signUp(a);
    const login = await call(c, 'POST', '/auth/login', null, { email: member.email, password: PASSWORD });
    expect(login.status).toBe(200);
    const second = { ...member, token: (login.body as { token: string }).token };
    const firstOnA = await stream(a, member);
    const firstOnC = await stream(c, member);
    const secondOnB = await stream(b, second);

    expect((await call(b, 'POST', '/auth/logout', member.token)).status).toBe(204);
    await Promise.all([firstOnA.waitForEnd(5000), firstOnC.waitForEnd(5000)]);

    // The other session's stream is still open: an invitation reaches it.
    const sender = await signUp(c);
    const sent = await call(c, 'POST', '/invitations', sender.token, { recipientId: member.id });
    expect(sent.status).toBe(201);
    await secondOnB.waitFor((events) => ofType(events, 'notification').length > 0, 10_000);

    expect((await call(a, 'POST', '/auth/logout-everywhere', second.token)).status).toBe(204);
    await secondOnB.waitForEnd(5000);
  });
});
