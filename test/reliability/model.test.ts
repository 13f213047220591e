import type { LightMyRequestResponse } from 'fastify';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { setModerator } from '../../src/commands/setModerator.js';
import { runSweep } from '../../src/jobs/sweep.js';
import { createTestApp, testDialect, type TestApp, type TestMember } from '../helpers/app.js';
import {
  DAY,
  ReferenceNetwork,
  type ModelConfig,
  type Outcome,
  type SettingsPatch,
} from '../helpers/referenceNetwork.js';

/**
 * Model-based test (I1–I11, C1–C3, N1): random walks of operations by several members — send
 * with and without a note, withdraw one or many or by age, accept and ignore one or many, block,
 * unblock, remove a connection, change settings, mark read, "I don't know this person" (M1), a
 * moderator suspending a member and lifting it (M4), move time forward and sweep — run
 * against the API and against an independent reference model of the contract
 * (test/helpers/referenceNetwork.ts, which imports nothing from src/). Each answer must be one
 * the model allows; after every step every member's Sent and Received lists, network summary,
 * connections, notifications with unread count and every profile relationship must equal the
 * model's; every few steps blocks, contact history, quota and settings too.
 *
 * Small limits make the rules bite: 1 invitation a day, 3 a week, 2 connections each, a
 * one-day resend cooldown, an 8-day TTL, stale after 3 days. MODEL_RUNS walks of MODEL_STEPS
 * steps (default 2 × 70), from MODEL_SEED.
 */

const WALKS = Number(process.env.MODEL_RUNS ?? 2);
const STEPS = Number(process.env.MODEL_STEPS ?? 70);
const SEED = Number(process.env.MODEL_SEED ?? 20261127);
/** Blocks, history, quota and settings are compared every this many steps (and at the end). */
const FULL_EVERY = 5;

const CONFIG: ModelConfig = {
  invitesPerDay: 1,
  invitesPerWeek: 3,
  maxConnections: 2,
  resendCooldownDays: 1,
  invitationTtlDays: 8,
  staleReminderDays: 3,
};

const STATUS_OF: Record<string, number> = {
  validation_failed: 400,
  cannot_invite_self: 400,
  cannot_block_self: 400,
  invitations_restricted: 403,
  not_found: 404,
  invitation_already_pending: 409,
  already_connected: 409,
  connection_limit_reached: 409,
  invitation_not_pending: 409,
  invitation_limit_reached: 429,
  resend_cooldown: 429,
};

/** mulberry32: small, seedable, good enough to pick operations. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;
  const chance = (p: number) => next() < p;
  return { next, int, pick, chance };
}
type Rng = ReturnType<typeof prng>;

const NOTES: (string | null | undefined)[] = [
  undefined,
  null,
  '',
  '   ',
  'Hello — we met at the meetup',
  '  padded note with a tab\tand\r\nlines  ',
  'x'.repeat(300),
  '🦄'.repeat(300),
];
/** Notes the rules refuse (I1): over 300 code points, or with control characters. */
const BAD_NOTES = ['y'.repeat(301), '🦄'.repeat(301), 'bell \u0007', 'next line \u0085', 'del \u007f'];

type Op =
  | {
      kind: 'send';
      a: number;
      b: number;
      message: string | null | undefined;
      email: 'right' | 'shouty' | 'wrong' | 'none';
    }
  | { kind: 'withdraw'; a: number; id: string }
  | { kind: 'withdrawMany'; a: number; ids: string[] }
  | { kind: 'withdrawOlder'; a: number; days: number }
  | { kind: 'accept'; a: number; id: string }
  | { kind: 'acceptMany'; a: number; ids: string[] }
  | { kind: 'ignore'; a: number; id: string }
  | { kind: 'dontKnow'; a: number; id: string }
  | { kind: 'ignoreMany'; a: number; ids: string[] }
  | { kind: 'block'; a: number; b: number }
  | { kind: 'unblock'; a: number; b: number }
  | { kind: 'remove'; a: number; b: number }
  | {
      kind: 'settings';
      a: number;
      patch: SettingsPatch;
    }
  | { kind: 'read'; a: number }
  | { kind: 'suspend'; a: number }
  | { kind: 'unsuspend'; a: number }
  | { kind: 'time'; ms: number; sweep: boolean };

const figures = { walks: 0, steps: 0, requests: 0, divergences: 0, refusals: 0, sweeps: 0 };
/** Operations the API carried out (not refused), by kind: shows the walk reaches every rule. */
const carriedOut: Record<string, number> = {};
const refusedWith: Record<string, number> = {};

afterAll(() => {
  console.info(
    `[issue-6 figures] model (${testDialect}): ${figures.steps} steps in ${figures.walks} walks, ` +
      `${figures.requests} API calls compared (${figures.refusals} refusals, ${figures.sweeps} sweeps), ` +
      `${figures.divergences} divergences; carried out: ${JSON.stringify(carriedOut)}; refused: ${JSON.stringify(refusedWith)}`,
  );
});

let t: TestApp | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

class Walk {
  readonly rng: Rng;
  readonly model: ReferenceNetwork;
  readonly log: string[] = [];
  pageSize = 100;
  /** Whether the last step was carried out (not refused), for the figures. */
  agreedOn = false;

  constructor(
    readonly app: TestApp,
    readonly people: TestMember[],
    /** Outside the walk: acts only to suspend and lift (M4). */
    readonly moderator: TestMember,
    seed: number,
  ) {
    this.rng = prng(seed);
    this.model = new ReferenceNetwork(CONFIG, app.clock.now());
    for (const p of people) {
      this.model.members.set(p.id, {
        id: p.id,
        name: p.name,
        email: p.email,
        whoCanInvite: 'everyone',
        autoWithdrawAfterDays: null,
        emailSettings: { invitationReceived: true, invitationAccepted: true, reminders: true },
        lastReminderAt: null,
      });
    }
  }

  private idOf(i: number): string {
    return (this.people[i] as TestMember).id;
  }

  private async call(
    method: string,
    url: string,
    who: number,
    body?: unknown,
  ): Promise<LightMyRequestResponse> {
    figures.requests += 1;
    return this.app.api(method, url, this.people[who] as TestMember, body);
  }

  private fail(message: string): never {
    figures.divergences += 1;
    throw new Error(`model divergence: ${message}\nlast steps:\n${this.log.slice(-25).join('\n')}`);
  }

  // ---- choosing what happens next ----

  private someInvitationId(preferred: string[]): string {
    const all = this.model.invitations.map((i) => i.id);
    if (preferred.length && this.rng.chance(0.75)) return this.rng.pick(preferred);
    if (all.length && this.rng.chance(0.85)) return this.rng.pick(all);
    return this.rng.pick(['0196a000-0000-7000-8000-000000000000', 'no-such-invitation']);
  }

  private someIds(preferred: string[]): string[] {
    const n = 1 + this.rng.int(4);
    return Array.from({ length: n }, () => this.someInvitationId(preferred));
  }

  /** A member index: usually one for whom `has` holds, so operations mostly find something to do. */
  private someone(has: (index: number) => boolean): number {
    const candidates = this.people.map((_, i) => i).filter(has);
    return candidates.length && this.rng.chance(0.8)
      ? this.rng.pick(candidates)
      : this.rng.int(this.people.length);
  }

  nextOp(): Op {
    const r = this.rng;
    const m = this.model;
    const n = this.people.length;
    const indexOf = (id: string) => this.people.findIndex((p) => p.id === id);
    const sentBy = (i: number) => m.sent(this.idOf(i)).map((x) => x.id);
    const receivedBy = (i: number) => m.received(this.idOf(i)).map((x) => x.id);
    const other = (a: number, among: number[] = []) => {
      if (among.length && r.chance(0.7)) return r.pick(among);
      const b = r.int(n);
      return b === a && r.chance(0.9) ? (a + 1 + r.int(n - 1)) % n : b;
    };
    let roll = r.next();
    // Acting on invitations nobody has mostly becomes sending one instead, so the network fills.
    const anyone = (has: (i: number) => boolean) => this.people.some((_, i) => has(i));
    if (roll >= 0.3 && roll < 0.46 && !anyone((i) => sentBy(i).length > 0) && r.chance(0.8)) roll = 0;
    if (roll >= 0.46 && roll < 0.64 && !anyone((i) => receivedBy(i).length > 0) && r.chance(0.8)) roll = 0;
    if (roll < 0.3) {
      const a = r.int(n);
      return {
        kind: 'send',
        a,
        b: other(a),
        message: r.chance(0.12) ? r.pick(BAD_NOTES) : r.pick(NOTES),
        email: r.pick(['right', 'shouty', 'wrong', 'none'] as const),
      };
    }
    if (roll < 0.46) {
      const a = this.someone((i) => sentBy(i).length > 0);
      if (roll < 0.39) return { kind: 'withdraw', a, id: this.someInvitationId(sentBy(a)) };
      if (roll < 0.44) return { kind: 'withdrawMany', a, ids: this.someIds(sentBy(a)) };
      return { kind: 'withdrawOlder', a, days: r.pick([1, 2, 4, 7, 15]) };
    }
    if (roll < 0.64) {
      const a = this.someone((i) => receivedBy(i).length > 0);
      if (roll < 0.54) return { kind: 'accept', a, id: this.someInvitationId(receivedBy(a)) };
      if (roll < 0.57) return { kind: 'acceptMany', a, ids: this.someIds(receivedBy(a)) };
      if (roll < 0.59) return { kind: 'ignore', a, id: this.someInvitationId(receivedBy(a)) };
      if (roll < 0.62) return { kind: 'dontKnow', a, id: this.someInvitationId(receivedBy(a)) };
      return { kind: 'ignoreMany', a, ids: this.someIds(receivedBy(a)) };
    }
    if (roll < 0.68) {
      // Blocks mostly fall between members who have something to lose: a connection or an invitation.
      const a = r.int(n);
      const me = this.idOf(a);
      const involved = [
        ...m.connectionsOf(me).map((c) => indexOf(c.member)),
        ...[...m.sent(me), ...m.received(me)].map((x) => indexOf(x.member)),
      ];
      return { kind: 'block', a, b: other(a, involved) };
    }
    if (roll < 0.72) {
      const a = this.someone((i) => m.blocksOf(this.idOf(i)).length > 0);
      return { kind: 'unblock', a, b: other(a, m.blocksOf(this.idOf(a)).map(indexOf)) };
    }
    if (roll < 0.76) {
      const a = this.someone((i) => m.connectionsOf(this.idOf(i)).length > 0);
      return {
        kind: 'remove',
        a,
        b: other(
          a,
          m.connectionsOf(this.idOf(a)).map((c) => indexOf(c.member)),
        ),
      };
    }
    if (roll < 0.8) {
      const patch: SettingsPatch = {};
      if (r.chance(0.5)) patch.whoCanInvite = r.pick(['everyone', 'everyone', 'email_required'] as const);
      if (r.chance(0.6)) patch.autoWithdrawAfterDays = r.pick([null, null, 1, 2, 5]);
      if (r.chance(0.4)) {
        const email: NonNullable<SettingsPatch['email']> = {};
        for (const k of ['invitationReceived', 'invitationAccepted', 'reminders'] as const)
          if (r.chance(0.5)) email[k] = r.chance(0.5);
        patch.email = email;
      }
      return { kind: 'settings', a: r.int(n), patch };
    }
    if (roll < 0.83) return { kind: 'read', a: r.int(n) };
    if (roll < 0.87) {
      // Mostly someone with connections or invitations to lose; a suspension is lifted as often.
      const suspended = this.people.map((_, i) => i).filter((i) => m.isSuspended(this.idOf(i)));
      if (suspended.length && r.chance(0.55)) return { kind: 'unsuspend', a: r.pick(suspended) };
      const a = this.someone((i) => {
        const me = this.idOf(i);
        return m.connectionsOf(me).length + m.sent(me).length + m.received(me).length > 0;
      });
      return { kind: 'suspend', a };
    }
    // Time moves in uneven amounts, a few seconds off the hour, so no rule ever sits exactly
    // on its boundary.
    const span = r.pick([1, 3, 6, 12, 24, 24, 48, 72, 24 * 6, 24 * 9]) * 3_600_000;
    return { kind: 'time', ms: span + 1 + r.int(59_000), sweep: r.chance(0.7) };
  }

  describe(op: Op): string {
    const name = (i: number) => (this.people[i] as TestMember).name.split(' ')[0];
    const short = (id: string) => id.slice(-6);
    switch (op.kind) {
      case 'send':
        return `${name(op.a)} sends to ${name(op.b)} note=${JSON.stringify(op.message)?.slice(0, 20)} email=${op.email}`;
      case 'withdraw':
      case 'accept':
      case 'ignore':
      case 'dontKnow':
        return `${name(op.a)} ${op.kind} …${short(op.id)}`;
      case 'withdrawMany':
      case 'acceptMany':
      case 'ignoreMany':
        return `${name(op.a)} ${op.kind} [${op.ids.map(short).join(', ')}]`;
      case 'withdrawOlder':
        return `${name(op.a)} withdraws older than ${op.days} days`;
      case 'block':
      case 'unblock':
      case 'remove':
        return `${name(op.a)} ${op.kind} ${name(op.b)}`;
      case 'settings':
        return `${name(op.a)} settings ${JSON.stringify(op.patch)}`;
      case 'read':
        return `${name(op.a)} marks all read`;
      case 'suspend':
      case 'unsuspend':
        return `the moderator ${op.kind}s ${name(op.a)}`;
      case 'time':
        return `time +${(op.ms / DAY).toFixed(2)} days${op.sweep ? ', sweep' : ''}`;
    }
  }

  // ---- running one step on both sides ----

  private expectAnswer<T>(
    what: string,
    res: LightMyRequestResponse,
    outcome: Outcome<T>,
    success: number,
    check: (body: unknown, value: T) => string | null = () => null,
  ): boolean {
    if (!outcome.ok) {
      figures.refusals += 1;
      const body = res.json() as { code?: string };
      const code = body.code ?? '';
      refusedWith[code] = (refusedWith[code] ?? 0) + 1;
      if (!outcome.codes.has(code) || res.statusCode !== STATUS_OF[code]) {
        this.fail(
          `${what}: the model refuses with ${[...outcome.codes].join(' or ')}, the API answered ${res.statusCode} ${res.body}`,
        );
      }
      return false;
    }
    if (res.statusCode !== success)
      this.fail(`${what}: the model expects ${success}, the API answered ${res.statusCode} ${res.body}`);
    const problem = check(res.statusCode === 204 ? null : res.json(), outcome.value);
    if (problem) this.fail(`${what}: ${problem}`);
    this.agreedOn = true;
    return true;
  }

  async step(op: Op): Promise<void> {
    const what = this.describe(op);
    this.log.push(what);
    this.agreedOn = op.kind === 'time' || op.kind === 'read';
    const m = this.model;
    if (
      op.kind !== 'time' &&
      op.kind !== 'suspend' &&
      op.kind !== 'unsuspend' &&
      m.isSuspended(this.idOf(op.a))
    ) {
      // A suspended member's sessions ended with the suspension: whatever they try is 401.
      const res = await this.call('GET', '/invitations/sent', op.a);
      if (res.statusCode !== 401) this.fail(`${what}: a suspended member was answered ${res.statusCode}`);
      this.agreedOn = false;
      return;
    }
    switch (op.kind) {
      case 'send': {
        const recipient = this.people[op.b] as TestMember;
        const email = {
          right: recipient.email,
          shouty: `  ${recipient.email.toUpperCase()} `,
          wrong: 'someone.else@example.test',
          none: undefined,
        }[op.email];
        const plan = m.send(this.idOf(op.a), recipient.id, op.message, email);
        const body: Record<string, unknown> = { recipientId: recipient.id };
        if (op.message !== undefined) body.message = op.message;
        if (email !== undefined) body.recipientEmail = email;
        const res = await this.call('POST', '/invitations', op.a, body);
        const outcome = plan.outcome;
        const success = outcome.ok && outcome.value.kind === 'connected' ? 200 : 201;
        const agreed = this.expectAnswer(what, res, outcome, success, (raw, value) => {
          const got = raw as {
            invitation?: { id: string; message: string | null; recipient: { id: string } };
            connection?: { member: { id: string } };
          };
          if (value.kind === 'connected')
            return got.connection?.member.id === recipient.id ? null : `connected to ${JSON.stringify(got)}`;
          if (got.invitation?.recipient.id !== recipient.id) return `sent to ${JSON.stringify(got)}`;
          return got.invitation.message === value.message
            ? null
            : `stored note ${JSON.stringify(got.invitation.message)}, model ${JSON.stringify(value.message)}`;
        });
        const refusal = agreed ? '' : (res.json() as { code?: string }).code;
        if (refusal === 'invitation_limit_reached' || refusal === 'resend_cooldown') {
          const wait =
            refusal === 'resend_cooldown'
              ? m.secondsUntilResend(this.idOf(op.a), recipient.id)
              : m.secondsUntilSend(this.idOf(op.a));
          if (String(res.headers['retry-after']) !== String(Math.max(1, wait))) {
            this.fail(
              `${what}: Retry-After ${String(res.headers['retry-after'])}, the model waits ${wait} s`,
            );
          }
        }
        if (agreed) {
          const created =
            res.statusCode === 201 ? (res.json() as { invitation: { id: string } }).invitation.id : undefined;
          plan.apply(created === undefined ? {} : { invitationId: created });
        }
        return;
      }
      case 'withdraw': {
        const plan = m.withdraw(this.idOf(op.a), op.id);
        const res = await this.call('POST', `/invitations/${op.id}/withdraw`, op.a);
        if (this.expectAnswer(what, res, plan.outcome, 204)) plan.apply({});
        return;
      }
      case 'withdrawMany':
      case 'withdrawOlder': {
        const plan =
          op.kind === 'withdrawMany'
            ? m.withdrawMany(this.idOf(op.a), op.ids)
            : m.withdrawOlderThan(this.idOf(op.a), op.days);
        const res = await this.call(
          'POST',
          '/invitations/withdraw',
          op.a,
          op.kind === 'withdrawMany' ? { ids: op.ids } : { olderThanDays: op.days },
        );
        const agreed = this.expectAnswer(what, res, plan.outcome, 200, (raw, value) => {
          const got = raw as { withdrawn: string[]; skipped: string[] };
          const same = (x: string[], y: string[]) =>
            JSON.stringify([...x].sort()) === JSON.stringify([...y].sort());
          const exact =
            op.kind === 'withdrawMany'
              ? JSON.stringify(got) === JSON.stringify(value)
              : same(got.withdrawn, value.withdrawn) && same(got.skipped, value.skipped);
          return exact ? null : `answered ${JSON.stringify(got)}, model ${JSON.stringify(value)}`;
        });
        if (agreed) plan.apply({});
        return;
      }
      case 'accept': {
        const plan = m.accept(this.idOf(op.a), op.id);
        const res = await this.call('POST', `/invitations/${op.id}/accept`, op.a);
        const agreed = this.expectAnswer(what, res, plan.outcome, 200, (raw, value) => {
          const got = raw as { connection: { member: { id: string } } };
          return got.connection.member.id === value.memberId ? null : `connected to ${JSON.stringify(got)}`;
        });
        if (agreed) plan.apply({});
        return;
      }
      case 'acceptMany':
      case 'ignoreMany': {
        const plan =
          op.kind === 'acceptMany'
            ? m.acceptMany(this.idOf(op.a), op.ids)
            : m.ignoreMany(this.idOf(op.a), op.ids);
        const url = op.kind === 'acceptMany' ? '/invitations/accept' : '/invitations/ignore';
        const res = await this.call('POST', url, op.a, { ids: op.ids });
        const agreed = this.expectAnswer(what, res, plan.outcome as Outcome<unknown>, 200, (raw, value) =>
          JSON.stringify(raw) === JSON.stringify(value)
            ? null
            : `answered ${JSON.stringify(raw)}, model ${JSON.stringify(value)}`,
        );
        if (agreed) plan.apply({});
        return;
      }
      case 'ignore': {
        const plan = m.ignore(this.idOf(op.a), op.id);
        const res = await this.call('POST', `/invitations/${op.id}/ignore`, op.a);
        if (this.expectAnswer(what, res, plan.outcome, 204)) plan.apply({});
        return;
      }
      case 'dontKnow': {
        const plan = m.dontKnow(this.idOf(op.a), op.id);
        const res = await this.call('POST', `/invitations/${op.id}/dont-know`, op.a);
        if (this.expectAnswer(what, res, plan.outcome, 204)) plan.apply({});
        return;
      }
      case 'block': {
        const plan = m.block(this.idOf(op.a), this.idOf(op.b));
        const res = await this.call('POST', '/blocks', op.a, { memberId: this.idOf(op.b) });
        if (this.expectAnswer(what, res, plan.outcome, 204)) plan.apply({});
        return;
      }
      case 'unblock': {
        const plan = m.unblock(this.idOf(op.a), this.idOf(op.b));
        const res = await this.call('DELETE', `/blocks/${this.idOf(op.b)}`, op.a);
        if (this.expectAnswer(what, res, plan.outcome, 204)) plan.apply({});
        return;
      }
      case 'remove': {
        const plan = m.removeConnection(this.idOf(op.a), this.idOf(op.b));
        const res = await this.call('DELETE', `/connections/${this.idOf(op.b)}`, op.a);
        if (this.expectAnswer(what, res, plan.outcome, 204)) plan.apply({});
        return;
      }
      case 'settings': {
        const plan = m.settings(this.idOf(op.a), op.patch);
        const res = await this.call('PATCH', '/settings', op.a, op.patch);
        if (this.expectAnswer(what, res, plan.outcome, 200)) plan.apply({});
        const member = m.members.get(this.idOf(op.a))!;
        const expected = {
          whoCanInvite: member.whoCanInvite,
          autoWithdrawAfterDays: member.autoWithdrawAfterDays,
          email: member.emailSettings,
        };
        if (JSON.stringify(res.json()) !== JSON.stringify(expected))
          this.fail(`${what}: answered ${res.body}, model ${JSON.stringify(expected)}`);
        return;
      }
      case 'read': {
        const res = await this.call('POST', '/notifications/read', op.a, { all: true });
        if (res.statusCode !== 204) this.fail(`${what}: answered ${res.statusCode} ${res.body}`);
        m.markAllRead(this.idOf(op.a));
        return;
      }
      case 'suspend':
      case 'unsuspend': {
        const target = this.people[op.a] as TestMember;
        const plan = op.kind === 'suspend' ? m.suspend(target.id) : m.unsuspend(target.id);
        const res = await this.app.api('POST', `/admin/members/${target.id}/${op.kind}`, this.moderator, {
          reason: `model ${op.kind}`,
        });
        figures.requests += 1;
        if (this.expectAnswer(what, res, plan.outcome, 204)) plan.apply({});
        if (op.kind === 'suspend') {
          // Login says why (once: refused logins count toward the login throttle).
          const login = await this.app.api('POST', '/auth/login', null, {
            email: target.email,
            password: target.password,
          });
          if (login.statusCode !== 403)
            this.fail(`${what}: login answered ${login.statusCode} ${login.body}`);
        } else {
          // Every session ended with the suspension: the member signs in again.
          const login = await this.app.api('POST', '/auth/login', null, {
            email: target.email,
            password: target.password,
          });
          if (login.statusCode !== 200) this.fail(`${what}: signing in again answered ${login.statusCode}`);
          target.token = (login.json() as { token: string }).token;
        }
        return;
      }
      case 'time': {
        this.app.clock.advance(op.ms);
        m.now += op.ms;
        if (op.sweep) {
          figures.sweeps += 1;
          await runSweep(this.app.deps);
          m.sweep();
        }
        return;
      }
    }
  }

  // ---- comparing what every member sees ----

  private async readAll(
    path: string,
    who: number,
  ): Promise<{ items: unknown[]; total: number; extra: Record<string, unknown> }> {
    const items: unknown[] = [];
    let cursor: string | null = null;
    let total = -1;
    let extra: Record<string, unknown> = {};
    for (let pages = 0; pages < 50; pages++) {
      const sep = path.includes('?') ? '&' : '?';
      const url: string = `${path}${sep}limit=${this.pageSize}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const res = await this.call('GET', url, who);
      if (res.statusCode !== 200) this.fail(`GET ${url} answered ${res.statusCode} ${res.body}`);
      const body = res.json() as { items: unknown[]; nextCursor: string | null; total: number } & Record<
        string,
        unknown
      >;
      if (total !== -1 && body.total !== total) this.fail(`GET ${path}: total changed between pages`);
      total = body.total;
      items.push(...body.items);
      const { items: _items, nextCursor: _next, total: _total, ...rest } = body;
      extra = rest;
      cursor = body.nextCursor;
      if (!cursor) break;
    }
    return { items, total, extra };
  }

  private same(what: string, got: unknown, expected: unknown): void {
    const g = JSON.stringify(got);
    const e = JSON.stringify(expected);
    if (g !== e) this.fail(`${what}\n  API:   ${g}\n  model: ${e}`);
  }

  private ms(iso: string): number {
    return Date.parse(iso);
  }

  async compare(full: boolean): Promise<void> {
    const m = this.model;
    this.pageSize = this.rng.pick([100, 100, 3, 2]);
    await Promise.all(
      this.people.map(async (person, who) => {
        const me = person.id;
        const label = person.name.split(' ')[0];
        if (m.isSuspended(me)) {
          // Signed out everywhere (the suspend step checked that login says why).
          const mine = await this.call('GET', '/me', who);
          if (mine.statusCode !== 401)
            this.fail(`${label} is suspended, yet /me answered ${mine.statusCode}`);
          return;
        }
        const [sent, received, summary, connections, notifications] = await Promise.all([
          this.readAll('/invitations/sent', who),
          this.readAll('/invitations/received', who),
          this.call('GET', '/network/summary', who),
          this.readAll('/connections', who),
          this.readAll('/notifications', who),
        ]);
        type View = {
          id: string;
          recipient?: { id: string };
          sender?: { id: string };
          message: string | null;
          sentAt: string;
        };
        const asRows = (items: unknown[]) =>
          (items as View[]).map((i) => ({
            id: i.id,
            member: (i.recipient ?? i.sender)!.id,
            message: i.message,
            sentAt: this.ms(i.sentAt),
          }));
        this.same(
          `${label}'s Sent tab`,
          { items: asRows(sent.items), total: sent.total },
          { items: m.sent(me), total: m.sent(me).length },
        );
        this.same(
          `${label}'s Received tab`,
          { items: asRows(received.items), total: received.total },
          { items: m.received(me), total: m.received(me).length },
        );
        this.same(`${label}'s network summary`, summary.json(), m.summary(me));
        const conns = (connections.items as { member: { id: string }; connectedAt: string }[]).map((c) => ({
          member: c.member.id,
          connectedAt: this.ms(c.connectedAt),
        }));
        this.same(
          `${label}'s connections`,
          { items: conns, total: connections.total },
          { items: m.connectionsOf(me), total: m.connectionsOf(me).length },
        );

        type N = {
          type: string;
          actor: { id: string } | null;
          invitationId: string | null;
          createdAt: string;
          read: boolean;
          count?: number;
        };
        const key = (n: {
          type: string;
          actor: string | null;
          invitation: string | null;
          count: number | null;
          createdAt: number;
          read: boolean;
        }) => JSON.stringify([n.type, n.actor, n.invitation, n.count, n.createdAt, n.read]);
        const gotN = (notifications.items as N[]).map((n) =>
          key({
            type: n.type,
            actor: n.actor?.id ?? null,
            invitation: n.invitationId,
            count: n.count ?? null,
            createdAt: this.ms(n.createdAt),
            read: n.read,
          }),
        );
        const times = (notifications.items as N[]).map((n) => this.ms(n.createdAt));
        if (times.some((x, i) => i > 0 && x > (times[i - 1] as number)))
          this.fail(`${label}'s notifications are not newest first`);
        const expectedN = m.notificationsOf(me);
        this.same(
          `${label}'s notifications`,
          { items: gotN.sort(), total: notifications.total, unreadCount: notifications.extra.unreadCount },
          {
            items: expectedN.map(key).sort(),
            total: expectedN.length,
            unreadCount: expectedN.filter((n) => !n.read).length,
          },
        );

        for (const other of this.people) {
          const res = await this.call('GET', `/members/${other.id}`, who);
          const expected = m.profile(me, other.id);
          const got =
            res.statusCode === 404
              ? null
              : (({ relationship, invitationId, connectionCount }) => ({
                  connectionCount,
                  relationship,
                  invitationId,
                }))(
                  res.json() as {
                    relationship: string;
                    invitationId: string | null;
                    connectionCount: number;
                  },
                );
          this.same(
            `${label} looking at ${other.name.split(' ')[0]}'s profile (${res.statusCode})`,
            got,
            expected,
          );
        }

        if (!full) return;
        const [blocks, history, quota, settings] = await Promise.all([
          this.readAll('/blocks', who),
          this.readAll('/invitations/history', who),
          this.call('GET', '/invitations/quota', who),
          this.call('GET', '/settings', who),
        ]);
        this.same(
          `${label}'s blocks`,
          (blocks.items as { id: string }[]).map((b) => b.id),
          m.blocksOf(me),
        );
        type H = {
          id: string;
          recipient: { id: string };
          message: string | null;
          outcome: string;
          endedAt: string | null;
        };
        this.same(
          `${label}'s contact history`,
          (history.items as H[]).map((h) => ({
            id: h.id,
            member: h.recipient.id,
            message: h.message,
            outcome: h.outcome,
            endedAt: h.endedAt === null ? null : this.ms(h.endedAt),
          })),
          m.history(me),
        );
        type Window = { used: number; resetsAt: string | null };
        const q = quota.json() as { day: Window; week: Window };
        const window = (w: Window) => ({
          used: w.used,
          resetsAt: w.resetsAt === null ? null : this.ms(w.resetsAt),
        });
        this.same(`${label}'s quota`, { day: window(q.day), week: window(q.week) }, m.quota(me));
        const member = m.members.get(me)!;
        this.same(`${label}'s settings`, settings.json(), {
          whoCanInvite: member.whoCanInvite,
          autoWithdrawAfterDays: member.autoWithdrawAfterDays,
          email: member.emailSettings,
        });
      }),
    );
  }
}

async function randomWalk(seed: number): Promise<void> {
  t = await createTestApp({
    config: {
      invitesPerDay: CONFIG.invitesPerDay,
      invitesPerWeek: CONFIG.invitesPerWeek,
      maxConnections: CONFIG.maxConnections,
      resendCooldownDays: CONFIG.resendCooldownDays,
      invitationTtlDays: CONFIG.invitationTtlDays,
      staleReminderDays: CONFIG.staleReminderDays,
      // The model knows "don't know" marks (M1) but not the automatic restriction they lead to.
      restrictAfterDontKnow: 1_000_000,
    },
  });
  const people = [];
  for (const name of ['Ada Model', 'Bob Model', 'Cy Model', 'Di Model']) people.push(await t.signUp(name));
  const moderator = await t.signUp('Mo Moderator');
  await setModerator(t.deps, { email: moderator.email, moderator: true });
  const walk = new Walk(t, people, moderator, seed);
  figures.walks += 1;
  await walk.compare(true);
  for (let step = 1; step <= STEPS; step++) {
    const op = walk.nextOp();
    await walk.step(op);
    figures.steps += 1;
    if (walk.agreedOn) carriedOut[op.kind] = (carriedOut[op.kind] ?? 0) + 1;
    await walk.compare(step % FULL_EVERY === 0 || step === STEPS);
  }
}

describe('model-based: the API agrees with a reference model of the rules after every step', () => {
  for (let w = 0; w < WALKS; w++) {
    it(`I1–I11 C1–C3 N1 random walk ${w + 1} of ${WALKS} (seed ${SEED + w}, ${STEPS} steps)`, async () => {
      await randomWalk(SEED + w);
      expect(figures.divergences).toBe(0);
    }, 240_000);
  }
});

describe('regressions the model found', () => {
  it('I9 I10 I11 an expiry ends when its time ran out, however late the sweep, a send or a block records it', async () => {
    t = await createTestApp({ config: { invitationTtlDays: 10 } });
    const [ada, bob, cy] = [await t.signUp('Ada'), await t.signUp('Bob'), await t.signUp('Cy')];
    const sent = async (from: TestMember, to: TestMember) =>
      (await t!.api('POST', '/invitations', from, { recipientId: to.id })).json().invitation.id as string;
    const toBob = await sent(ada, bob);
    const toCy = await sent(ada, cy);
    const fromCy = await sent(cy, bob);
    const runsOut = new Date(t.clock.now() + 10 * DAY).toISOString();
    // Three days past the TTL, nothing has recorded the expiries yet: they read sentAt + TTL.
    t.clock.advance(13 * DAY);
    const read = async (who: TestMember) => {
      const history = (await t!.api('GET', '/invitations/history', who)).json().items as {
        id: string;
        endedAt: string;
      }[];
      const insights = (await t!.api('GET', '/invitations/insights?weeks=4', who)).json().weekly;
      return { ended: Object.fromEntries(history.map((h) => [h.id, h.endedAt])), insights };
    };
    const before = { ada: await read(ada), cy: await read(cy) };
    expect(before.ada.ended).toEqual({ [toBob]: runsOut, [toCy]: runsOut });
    // Recorded three ways, three days late: by inviting again, by a block, by the sweep.
    expect((await t.api('POST', '/invitations', bob, { recipientId: ada.id })).statusCode).toBe(201);
    expect((await t.api('POST', '/blocks', cy, { memberId: ada.id })).statusCode).toBe(204);
    await runSweep(t.deps);
    const stored = await t.deps.db
      .selectFrom('invitations')
      .select(['id', 'status', 'ended_at'])
      .where('id', 'in', [toBob, toCy, fromCy])
      .execute();
    expect(stored.map((r) => [r.status, new Date(Number(r.ended_at)).toISOString()])).toEqual([
      ['expired', runsOut],
      ['expired', runsOut],
      ['expired', runsOut],
    ]);
    expect({ ada: await read(ada), cy: await read(cy) }).toEqual(before);
  });
});
