/**
 * A reference model of Rapport's invitation rules, written from design/api.md and
 * design/product.md alone — it imports nothing from src/ — so the model-based suite compares the
 * implementation with an independent reading of the contract, not with itself.
 *
 * Every operation returns what the API must answer: success (with what it reports) or the set
 * of refusal codes any of which is a correct answer when several rules apply at once. Where a
 * refusal must not reveal anything (a block reads exactly like "no such member"), the set holds
 * only the code that hides it.
 */

export const DAY = 24 * 60 * 60 * 1000;
export const WEEK = 7 * DAY;

export interface ModelConfig {
  invitesPerDay: number;
  invitesPerWeek: number;
  maxConnections: number;
  resendCooldownDays: number;
  invitationTtlDays: number;
  staleReminderDays: number;
}

export type WhoCanInvite = 'everyone' | 'email_required';
export type Status = 'pending' | 'accepted' | 'withdrawn' | 'expired';

/** The email switches of /settings (N2): all on until the member turns one off. */
export interface EmailSwitches {
  invitationReceived: boolean;
  invitationAccepted: boolean;
  reminders: boolean;
}

export type SettingsPatch = {
  whoCanInvite?: WhoCanInvite;
  autoWithdrawAfterDays?: number | null;
  email?: Partial<EmailSwitches>;
};

export interface ModelMember {
  id: string;
  name: string;
  email: string;
  whoCanInvite: WhoCanInvite;
  autoWithdrawAfterDays: number | null;
  /** `email` of /settings (the address is `email` above). */
  emailSettings: EmailSwitches;
  lastReminderAt: number | null;
}

export interface ModelInvitation {
  id: string;
  sender: string;
  recipient: string;
  message: string | null;
  sentAt: number;
  status: Status;
  ignoredAt: number | null;
  endedAt: number | null;
}

export interface ModelNotification {
  member: string;
  type: 'invitation_received' | 'invitation_accepted' | 'stale_invitations_reminder';
  actor: string | null;
  invitation: string | null;
  count: number | null;
  createdAt: number;
  read: boolean;
}

export type Outcome<T = undefined> = { ok: true; value: T } | { ok: false; codes: Set<string> };

const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
const refuse = (...codes: string[]): Outcome<never> => ({ ok: false, codes: new Set(codes) });

/** A prepared change: the API's answer, and how the model changes when the API agrees. */
interface Plan<T> {
  outcome: Outcome<T>;
  /** Applies the change; `ids` are what the API assigned (a new invitation's id). */
  apply(ids: { invitationId?: string }): void;
}

// ---- notes (I1) and emails, as the contract states them ----

// C0 controls other than tab, line feed and carriage return; DEL; C1.
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f]/u; // eslint-disable-line no-control-regex

export function noteOf(raw: string | null | undefined): { valid: boolean; value: string | null } {
  if (raw === null || raw === undefined) return { valid: true, value: null };
  if (FORBIDDEN.test(raw)) return { valid: false, value: null };
  const trimmed = raw.trim();
  if (trimmed === '') return { valid: true, value: null };
  return { valid: Array.from(trimmed).length <= 300, value: trimmed };
}

const sameEmail = (given: string | null | undefined, actual: string) =>
  typeof given === 'string' &&
  given.trim() !== '' &&
  given.trim().toLowerCase() === actual.trim().toLowerCase();

const byNewest =
  <T>(time: (x: T) => number, id: (x: T) => string) =>
  (a: T, b: T) =>
    time(b) - time(a) || (id(a) < id(b) ? 1 : id(a) > id(b) ? -1 : 0);

export class ReferenceNetwork {
  readonly members = new Map<string, ModelMember>();
  readonly invitations: ModelInvitation[] = [];
  /** Unordered pair "a|b" (sorted) → connectedAt. */
  readonly connections = new Map<string, number>();
  /** "blocker>blocked" → createdAt. */
  readonly blocks = new Map<string, number>();
  /** M1 "I don't know this person": "member>sender"; from then on that sender needs the email. */
  readonly unknownSenders = new Set<string>();
  /**
   * M4 suspension: suspended member → the connections held aside while suspended (pair key →
   * connectedAt). To everyone else a suspended member reads as deleted; lifting it puts the held
   * connections back as they were.
   */
  readonly suspended = new Map<string, Map<string, number>>();
  notifications: ModelNotification[] = [];

  constructor(
    readonly config: ModelConfig,
    public now: number,
  ) {}

  // ---- facts ----

  private pair(a: string, b: string): string {
    return a < b ? `${a}|${b}` : `${b}|${a}`;
  }
  private ttl(): number {
    return this.config.invitationTtlDays * DAY;
  }
  /** Pending and still inside its time to live: the only kind any list shows. */
  isLive(inv: ModelInvitation): boolean {
    return inv.status === 'pending' && inv.sentAt > this.now - this.ttl();
  }
  /** The status as the sender knows it: a pending invitation past its TTL has expired. */
  statusOf(inv: ModelInvitation): Status {
    return inv.status === 'pending' && !this.isLive(inv) ? 'expired' : inv.status;
  }
  /**
   * When it ended. An expiry ends when its time to live ran out, whether or not anything has
   * recorded it yet; one ended by a block (the other member blocked) ends at the block.
   */
  endedAtOf(inv: ModelInvitation): number | null {
    if (inv.status === 'pending') return this.isLive(inv) ? null : inv.sentAt + this.ttl();
    return inv.endedAt;
  }
  isSuspended(m: string): boolean {
    return this.suspended.has(m);
  }
  /** A member another can reach: exists and is not suspended (a suspended one reads as deleted). */
  private reachable(m: string): boolean {
    return this.members.has(m) && !this.isSuspended(m);
  }
  connected(a: string, b: string): boolean {
    return this.connections.has(this.pair(a, b));
  }
  blockedEitherWay(a: string, b: string): boolean {
    return this.blocks.has(`${a}>${b}`) || this.blocks.has(`${b}>${a}`);
  }
  connectionCount(m: string): number {
    let n = 0;
    for (const key of this.connections.keys()) if (key.split('|').includes(m)) n++;
    return n;
  }
  livePendingBetween(a: string, b: string): ModelInvitation | undefined {
    return this.invitations.find(
      (i) =>
        this.isLive(i) && ((i.sender === a && i.recipient === b) || (i.sender === b && i.recipient === a)),
    );
  }
  private sendsSince(m: string, since: number): number {
    return this.invitations.filter((i) => i.sender === m && i.sentAt > since).length;
  }
  private lastWithdrawn(a: string, b: string): number | null {
    const ends = this.invitations
      .filter((i) => i.sender === a && i.recipient === b && i.status === 'withdrawn')
      .map((i) => i.endedAt as number);
    return ends.length ? Math.max(...ends) : null;
  }

  // ---- the bookkeeping every end of a pending invitation shares ----

  private end(inv: ModelInvitation, status: Exclude<Status, 'pending'>, at: number): void {
    inv.status = status;
    inv.endedAt = at;
    this.notifications = this.notifications.filter(
      (n) => n.invitation !== inv.id || n.type !== 'invitation_received',
    );
  }

  private connect(inv: ModelInvitation): void {
    this.end(inv, 'accepted', this.now);
    this.connections.set(this.pair(inv.sender, inv.recipient), this.now);
    this.notifications.push({
      member: inv.sender,
      type: 'invitation_accepted',
      actor: inv.recipient,
      invitation: inv.id,
      count: null,
      createdAt: this.now,
      read: false,
    });
  }

  private roomFor(a: string, b: string): boolean {
    return (
      this.connectionCount(a) < this.config.maxConnections &&
      this.connectionCount(b) < this.config.maxConnections
    );
  }

  // ---- operations ----

  /** Connect (I1–I3, I7): 'sent' with the stored note, or 'connected' when they had invited us. */
  send(
    a: string,
    b: string,
    rawMessage: string | null | undefined,
    email: string | null | undefined,
  ): Plan<{ kind: 'sent'; message: string | null } | { kind: 'connected'; invitationId: string }> {
    const note = noteOf(rawMessage);
    const codes: string[] = note.valid ? [] : ['validation_failed'];
    const recipient = this.members.get(b);
    const none = { apply: () => {} };
    if (a === b) return { outcome: refuse(...codes, 'cannot_invite_self'), ...none };
    // Privacy (I2): a block either way reads exactly like "no such member".
    if (!recipient || !this.reachable(b) || this.blockedEitherWay(a, b))
      return { outcome: refuse(...codes, 'not_found'), ...none };
    if (this.connected(a, b)) codes.push('already_connected');
    const pending = this.livePendingBetween(a, b);
    if (pending && pending.sender === a) codes.push('invitation_already_pending');
    if (pending && pending.sender === b && !this.connected(a, b)) {
      // I3: inviting back accepts theirs; no quota, no email, but room for one more connection.
      if (!this.roomFor(a, b)) codes.push('connection_limit_reached');
      if (codes.length) return { outcome: refuse(...codes), ...none };
      return {
        outcome: ok({ kind: 'connected' as const, invitationId: pending.id }),
        apply: () => this.connect(pending),
      };
    }
    if (!pending && !this.connected(a, b)) {
      // M1: a "don't know" mark asks exactly what email_required asks, with the same answer.
      const needsEmail = recipient.whoCanInvite === 'email_required' || this.unknownSenders.has(`${b}>${a}`);
      if (needsEmail && !sameEmail(email, recipient.email)) {
        codes.push('invitations_restricted');
      }
      const last = this.lastWithdrawn(a, b);
      if (
        this.config.resendCooldownDays > 0 &&
        last !== null &&
        last + this.config.resendCooldownDays * DAY > this.now
      ) {
        codes.push('resend_cooldown');
      }
      if (
        this.sendsSince(a, this.now - DAY) >= this.config.invitesPerDay ||
        this.sendsSince(a, this.now - WEEK) >= this.config.invitesPerWeek
      ) {
        codes.push('invitation_limit_reached');
      }
      if (!this.roomFor(a, b)) codes.push('connection_limit_reached');
    }
    if (codes.length) return { outcome: refuse(...codes), ...none };
    return {
      outcome: ok({ kind: 'sent' as const, message: note.value }),
      apply: ({ invitationId }) => {
        if (!invitationId) throw new Error('the API did not say which invitation it created');
        // An invitation past its TTL between the two is over, whatever its row says.
        this.invitations.push({
          id: invitationId,
          sender: a,
          recipient: b,
          message: note.value,
          sentAt: this.now,
          status: 'pending',
          ignoredAt: null,
          endedAt: null,
        });
        this.notifications.push({
          member: b,
          type: 'invitation_received',
          actor: a,
          invitation: invitationId,
          count: null,
          createdAt: this.now,
          read: false,
        });
      },
    };
  }

  /** Withdraw (I5): only the sender; twice is harmless; accepted or expired is not pending. */
  withdraw(a: string, id: string): Plan<undefined> {
    const inv = this.invitations.find((i) => i.id === id);
    const none = { apply: () => {} };
    if (!inv || inv.sender !== a) return { outcome: refuse('not_found'), ...none };
    const status = this.statusOf(inv);
    if (status === 'withdrawn') return { outcome: ok(undefined), ...none };
    if (status !== 'pending') return { outcome: refuse('invitation_not_pending'), ...none };
    return { outcome: ok(undefined), apply: () => this.end(inv, 'withdrawn', this.now) };
  }

  /** Bulk withdraw (I6) by ids: the caller's live pending ones are withdrawn, the rest skipped. */
  withdrawMany(a: string, ids: string[]): Plan<{ withdrawn: string[]; skipped: string[] }> {
    const unique = [...new Set(ids)];
    const mine = unique.filter((id) => {
      const inv = this.invitations.find((i) => i.id === id);
      return inv !== undefined && inv.sender === a && this.isLive(inv);
    });
    return {
      outcome: ok({ withdrawn: mine, skipped: unique.filter((id) => !mine.includes(id)) }),
      apply: () => {
        for (const id of mine)
          this.end(
            this.invitations.find((i) => i.id === id)!,
            'withdrawn',
            this.now,
          );
      },
    };
  }

  /** Bulk withdraw (I6) by age: every live pending invitation sent at or before now − N days. */
  withdrawOlderThan(a: string, days: number): Plan<{ withdrawn: string[]; skipped: string[] }> {
    const due = this.invitations.filter(
      (i) => i.sender === a && this.isLive(i) && i.sentAt <= this.now - days * DAY,
    );
    return {
      outcome: ok({ withdrawn: due.map((i) => i.id), skipped: [] }),
      apply: () => due.forEach((i) => this.end(i, 'withdrawn', this.now)),
    };
  }

  private acceptable(b: string, id: string): Outcome<ModelInvitation> {
    const inv = this.invitations.find((i) => i.id === id);
    if (!inv || inv.recipient !== b || !this.isLive(inv) || inv.ignoredAt !== null)
      return refuse('not_found');
    if (!this.roomFor(inv.sender, b)) return refuse('connection_limit_reached');
    return ok(inv);
  }

  /** Accept (I8): connected, and the sender (only the sender) is told. */
  accept(b: string, id: string): Plan<{ memberId: string }> {
    const found = this.acceptable(b, id);
    if (!found.ok) return { outcome: found, apply: () => {} };
    return { outcome: ok({ memberId: found.value.sender }), apply: () => this.connect(found.value) };
  }

  /** Accept several (I4): one at a time in order, each seeing the connections the earlier made. */
  acceptMany(b: string, ids: string[]): Plan<{ accepted: string[]; skipped: string[] }> {
    // Worked out on a copy of the connection set, since each acceptance uses up room.
    const accepted: string[] = [];
    const skipped: string[] = [];
    const saved = new Map(this.connections);
    const plan: ModelInvitation[] = [];
    for (const id of new Set(ids)) {
      const found = this.acceptable(b, id);
      if (found.ok && !plan.includes(found.value)) {
        accepted.push(id);
        plan.push(found.value);
        this.connections.set(this.pair(found.value.sender, b), this.now);
      } else skipped.push(id);
    }
    this.connections.clear();
    for (const [k, v] of saved) this.connections.set(k, v);
    return { outcome: ok({ accepted, skipped }), apply: () => plan.forEach((inv) => this.connect(inv)) };
  }

  private ignorable(b: string, id: string): ModelInvitation | undefined {
    const inv = this.invitations.find((i) => i.id === id);
    return inv && inv.recipient === b && this.isLive(inv) && inv.ignoredAt === null ? inv : undefined;
  }

  private markIgnored(inv: ModelInvitation): void {
    inv.ignoredAt = this.now;
    this.notifications = this.notifications.filter(
      (n) => n.invitation !== inv.id || n.type !== 'invitation_received',
    );
  }

  /** Ignore (I8): it leaves the recipient's list; to the sender it stays pending. */
  ignore(b: string, id: string): Plan<undefined> {
    const inv = this.ignorable(b, id);
    if (!inv) return { outcome: refuse('not_found'), apply: () => {} };
    return { outcome: ok(undefined), apply: () => this.markIgnored(inv) };
  }

  /** M1 "I don't know this person": ignores it, and marks the sender; the sender is told nothing. */
  dontKnow(b: string, id: string): Plan<undefined> {
    const inv = this.ignorable(b, id);
    if (!inv) return { outcome: refuse('not_found'), apply: () => {} };
    return {
      outcome: ok(undefined),
      apply: () => {
        this.markIgnored(inv);
        this.unknownSenders.add(`${b}>${inv.sender}`);
      },
    };
  }

  ignoreMany(b: string, ids: string[]): Plan<{ ignored: string[]; skipped: string[] }> {
    const unique = [...new Set(ids)];
    const mine = unique.filter((id) => this.ignorable(b, id));
    return {
      outcome: ok({ ignored: mine, skipped: unique.filter((id) => !mine.includes(id)) }),
      apply: () => mine.forEach((id) => this.markIgnored(this.ignorable(b, id)!)),
    };
  }

  /**
   * Block (C2): the connection and any pending invitation between the two go, silently; the
   * invitation reads `withdrawn` to its sender when the sender blocked, `expired` when the other
   * did; notifications between the two disappear for both. Blocking twice is harmless.
   */
  block(a: string, b: string): Plan<undefined> {
    if (a === b) return { outcome: refuse('cannot_block_self'), apply: () => {} };
    if (!this.reachable(b)) return { outcome: refuse('not_found'), apply: () => {} };
    return {
      outcome: ok(undefined),
      apply: () => {
        if (!this.blocks.has(`${a}>${b}`)) this.blocks.set(`${a}>${b}`, this.now);
        this.connections.delete(this.pair(a, b));
        const pending = this.livePendingBetween(a, b);
        if (pending) this.end(pending, pending.sender === a ? 'withdrawn' : 'expired', this.now);
        this.notifications = this.notifications.filter(
          (n) => !((n.member === a && n.actor === b) || (n.member === b && n.actor === a)),
        );
      },
    };
  }

  unblock(a: string, b: string): Plan<undefined> {
    // A block of a suspended member is out of sight (and kept) like the member.
    if (!this.blocks.has(`${a}>${b}`) || !this.reachable(b))
      return { outcome: refuse('not_found'), apply: () => {} };
    return { outcome: ok(undefined), apply: () => this.blocks.delete(`${a}>${b}`) };
  }

  /** Remove connection (C1): silent to the other member. */
  removeConnection(a: string, b: string): Plan<undefined> {
    if (a === b || !this.connected(a, b)) return { outcome: refuse('not_found'), apply: () => {} };
    return { outcome: ok(undefined), apply: () => this.connections.delete(this.pair(a, b)) };
  }

  /**
   * Suspend (M4): pending invitations both ways end silently as a block ends them (withdrawn to
   * the member, expired to the other side — one already past its time to live stays the expiry it
   * was), and the member's connections are held aside. Suspending twice changes nothing.
   */
  suspend(m: string): Plan<undefined> {
    if (this.isSuspended(m)) return { outcome: ok(undefined), apply: () => {} };
    return {
      outcome: ok(undefined),
      apply: () => {
        for (const inv of this.invitations) {
          if (!this.isLive(inv)) continue;
          if (inv.sender === m) this.end(inv, 'withdrawn', this.now);
          else if (inv.recipient === m) this.end(inv, 'expired', this.now);
        }
        const held = new Map<string, number>();
        for (const [key, at] of this.connections) {
          if (key.split('|').includes(m)) held.set(key, at);
        }
        for (const key of held.keys()) this.connections.delete(key);
        this.suspended.set(m, held);
      },
    };
  }

  /**
   * Lift a suspension (M4): the held connections come back as they were. One with a member who is
   * suspended now waits with that member's instead, and comes back when theirs is lifted.
   */
  unsuspend(m: string): Plan<undefined> {
    const held = this.suspended.get(m);
    if (!held) return { outcome: ok(undefined), apply: () => {} };
    return {
      outcome: ok(undefined),
      apply: () => {
        this.suspended.delete(m);
        for (const [key, at] of held) {
          const other = key.split('|').find((x) => x !== m)!;
          const theirs = this.suspended.get(other);
          if (theirs) theirs.set(key, at);
          else this.connections.set(key, at);
        }
      },
    };
  }

  settings(a: string, patch: SettingsPatch): Plan<undefined> {
    return {
      outcome: ok(undefined),
      apply: () => {
        const m = this.members.get(a)!;
        if (patch.whoCanInvite !== undefined) m.whoCanInvite = patch.whoCanInvite;
        if (patch.autoWithdrawAfterDays !== undefined) m.autoWithdrawAfterDays = patch.autoWithdrawAfterDays;
        // Each switch left out keeps its value.
        m.emailSettings = { ...m.emailSettings, ...patch.email };
      },
    };
  }

  markAllRead(a: string): void {
    for (const n of this.notifications) if (n.member === a) n.read = true;
  }

  /**
   * The sweep (I9): record expiries, apply auto-withdraw settings, then remind — at most once a
   * week — those with an invitation pending for over the stale age.
   */
  sweep(): void {
    for (const inv of this.invitations) {
      if (inv.status === 'pending' && !this.isLive(inv)) this.end(inv, 'expired', inv.sentAt + this.ttl());
    }
    for (const inv of this.invitations) {
      const days = this.members.get(inv.sender)?.autoWithdrawAfterDays ?? null;
      if (days !== null && this.isLive(inv) && inv.sentAt <= this.now - days * DAY)
        this.end(inv, 'withdrawn', this.now);
    }
    for (const m of this.members.values()) {
      const stale = this.invitations.filter(
        (i) =>
          i.sender === m.id && this.isLive(i) && i.sentAt <= this.now - this.config.staleReminderDays * DAY,
      ).length;
      if (stale === 0 || (m.lastReminderAt !== null && m.lastReminderAt > this.now - WEEK)) continue;
      m.lastReminderAt = this.now;
      this.notifications.push({
        member: m.id,
        type: 'stale_invitations_reminder',
        actor: null,
        invitation: null,
        count: stale,
        createdAt: this.now,
        read: false,
      });
    }
  }

  // ---- what each member can see ----

  sent(m: string) {
    return this.invitations
      .filter((i) => i.sender === m && this.isLive(i))
      .sort(
        byNewest(
          (i) => i.sentAt,
          (i) => i.id,
        ),
      )
      .map((i) => ({ id: i.id, member: i.recipient, message: i.message, sentAt: i.sentAt }));
  }

  received(m: string) {
    return this.invitations
      .filter((i) => i.recipient === m && this.isLive(i) && i.ignoredAt === null)
      .sort(
        byNewest(
          (i) => i.sentAt,
          (i) => i.id,
        ),
      )
      .map((i) => ({ id: i.id, member: i.sender, message: i.message, sentAt: i.sentAt }));
  }

  summary(m: string) {
    return {
      connections: this.connectionCount(m),
      invitationsReceived: this.received(m).length,
      invitationsSent: this.sent(m).length,
    };
  }

  connectionsOf(m: string) {
    return [...this.connections.entries()]
      .filter(([key]) => key.split('|').includes(m))
      .map(([key, at]) => ({ member: key.split('|').find((x) => x !== m)!, connectedAt: at }))
      .sort(
        byNewest(
          (c) => c.connectedAt,
          (c) => c.member,
        ),
      );
  }

  blocksOf(m: string) {
    return [...this.blocks.entries()]
      .filter(([key]) => key.startsWith(`${m}>`))
      .map(([key, at]) => ({ member: key.slice(m.length + 1), at }))
      .filter((b) => !this.isSuspended(b.member))
      .sort(
        byNewest(
          (b) => b.at,
          (b) => b.member,
        ),
      )
      .map((b) => b.member);
  }

  /** A profile (A2), or null where the viewer must get 404 (a block either way). */
  profile(viewer: string, m: string) {
    if (!this.members.has(m) || (viewer !== m && (this.isSuspended(m) || this.blockedEitherWay(viewer, m))))
      return null;
    const base = { connectionCount: this.connectionCount(m) };
    if (viewer === m) return { ...base, relationship: 'self', invitationId: null };
    if (this.connected(viewer, m)) return { ...base, relationship: 'connected', invitationId: null };
    const pending = this.livePendingBetween(viewer, m);
    if (pending?.sender === viewer)
      return { ...base, relationship: 'invitation_sent', invitationId: pending.id };
    if (pending && pending.ignoredAt === null) {
      return { ...base, relationship: 'invitation_received', invitationId: pending.id };
    }
    return { ...base, relationship: 'none', invitationId: null };
  }

  /** Notifications the member may see: not about a dead invitation, not from someone blocked. */
  notificationsOf(m: string) {
    return this.notifications.filter((n) => {
      if (n.member !== m) return false;
      if (n.actor !== null && (this.blockedEitherWay(m, n.actor) || this.isSuspended(n.actor))) return false;
      if (n.type !== 'invitation_received') return true;
      const inv = this.invitations.find((i) => i.id === n.invitation);
      return inv !== undefined && this.isLive(inv) && inv.ignoredAt === null;
    });
  }

  /** Contact history (I10): a suspended recipient's invitations are out of sight as if deleted. */
  history(m: string) {
    return this.invitations
      .filter((i) => i.sender === m && !this.isSuspended(i.recipient))
      .sort(
        byNewest(
          (i) => i.sentAt,
          (i) => i.id,
        ),
      )
      .map((i) => ({
        id: i.id,
        member: i.recipient,
        message: i.message,
        outcome: this.statusOf(i),
        endedAt: this.endedAtOf(i),
      }));
  }

  /** Sends counted in each rolling window, and when the oldest of them leaves it (null: none). */
  quota(m: string) {
    const window = (span: number) => {
      const times = this.invitations
        .filter((i) => i.sender === m && i.sentAt > this.now - span)
        .map((i) => i.sentAt);
      return { used: times.length, resetsAt: times.length ? Math.min(...times) + span : null };
    };
    return { day: window(DAY), week: window(WEEK) };
  }

  /** Seconds until `a` may invite `b` again after withdrawing (I7): the cooldown runs from the withdrawal. */
  secondsUntilResend(a: string, b: string): number {
    const last = this.lastWithdrawn(a, b);
    return last === null ? 0 : Math.ceil((last + this.config.resendCooldownDays * DAY - this.now) / 1000);
  }

  /** Seconds until `m` may send again (I2): until enough sends have left every full window. */
  secondsUntilSend(m: string): number {
    const wait = (span: number, limit: number) => {
      const times = this.invitations
        .filter((i) => i.sender === m && i.sentAt > this.now - span)
        .map((i) => i.sentAt)
        .sort((x, y) => x - y);
      return times.length < limit ? 0 : (times[times.length - limit] as number) + span - this.now;
    };
    const ms = Math.max(wait(DAY, this.config.invitesPerDay), wait(WEEK, this.config.invitesPerWeek));
    return Math.ceil(ms / 1000);
  }
}
