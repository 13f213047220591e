/**
 * A small network with one of everything, seen from Ada: an invitation she sent, one she
 * received, one between two others, a connection, a withdrawn invitation, a block, and
 * notifications on every side. The fuzz and access suites aim their requests at these ids.
 */
import type { TestApp, TestMember } from './app.js';

export interface World {
  ada: TestMember;
  bob: TestMember;
  carol: TestMember;
  dave: TestMember;
  erin: TestMember;
  /** Ada → Bob, pending. */
  adaToBob: string;
  /** Carol → Ada, pending. */
  carolToAda: string;
  /** Bob → Carol, pending: neither Ada's to act on. */
  bobToCarol: string;
  /** Dave → Ada, accepted: they are connected. */
  daveToAda: string;
  /** Ada → Erin, withdrawn; then Ada blocked Erin. */
  adaToErin: string;
  /** Erin → Bob, pending. */
  erinToBob: string;
  /** Notification ids per member. */
  notifications: Record<'ada' | 'bob' | 'carol' | 'dave' | 'erin', string[]>;
  members: TestMember[];
  invitationIds: string[];
}

async function ok(res: { statusCode: number; body: string }, what: string): Promise<void> {
  if (res.statusCode >= 300) throw new Error(`${what}: ${res.statusCode} ${res.body}`);
}

async function send(t: TestApp, from: TestMember, to: TestMember, message?: string): Promise<string> {
  const res = await t.api('POST', '/invitations', from, { recipientId: to.id, message });
  await ok(res, `send ${from.name} → ${to.name}`);
  return (res.json() as { invitation: { id: string } }).invitation.id;
}

export async function buildWorld(t: TestApp): Promise<World> {
  const ada = await t.signUp('Ada Lovelace');
  const bob = await t.signUp('Bob Babbage');
  const carol = await t.signUp('Carol Shaw');
  const dave = await t.signUp('Dave Cutler');
  const erin = await t.signUp('Erin Catto');

  const daveToAda = await send(t, dave, ada, 'We met at the workshop');
  await ok(await t.api('POST', `/invitations/${daveToAda}/accept`, ada), 'accept');
  const adaToErin = await send(t, ada, erin);
  await ok(await t.api('POST', `/invitations/${adaToErin}/withdraw`, ada), 'withdraw');
  await ok(await t.api('POST', '/blocks', ada, { memberId: erin.id }), 'block');
  const adaToBob = await send(t, ada, bob, 'Hello Bob');
  const carolToAda = await send(t, carol, ada);
  const bobToCarol = await send(t, bob, carol, 'Hi Carol');
  const erinToBob = await send(t, erin, bob);

  const notifications = {} as World['notifications'];
  for (const [key, m] of Object.entries({ ada, bob, carol, dave, erin })) {
    const res = await t.api('GET', '/notifications?limit=100', m);
    await ok(res, 'notifications');
    notifications[key as keyof World['notifications']] = (
      res.json() as { items: { id: string }[] }
    ).items.map((n) => n.id);
  }
  return {
    ada,
    bob,
    carol,
    dave,
    erin,
    adaToBob,
    carolToAda,
    bobToCarol,
    daveToAda,
    adaToErin,
    erinToBob,
    notifications,
    members: [ada, bob, carol, dave, erin],
    invitationIds: [adaToBob, carolToAda, bobToCarol, daveToAda, adaToErin, erinToBob],
  };
}
