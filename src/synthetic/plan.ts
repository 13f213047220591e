/**
 * The synthetic network `rapport seed` writes, as a pure function of its options: the same
 * options (seed and anchor time included) give the same rows, byte for byte.
 *
 * Invitations are generated in send-time order, so their uuid v7 ids arrive in index order and
 * the primary key only ever appends. Members are generated last, when their counters are known
 * exactly (pending sent, pending received and not ignored, connections), so no recount is
 * needed afterwards. Every pair of members appears in at most one invitation, which keeps the
 * invariants by construction: one pending invitation per pair, no pending invitation between
 * connected members, one connection per pair.
 */
import { DAY, HOUR } from '../domain/time.js';
import { pairKey } from '../storage/ids.js';
import { FIRST_NAMES, LAST_NAMES, headline, note } from './names.js';
import { Random } from './random.js';

export const SEED_EMAIL_DOMAIN = 'seed.rapport.test';
export const SEED_PASSWORD = 'rapport-seed';

export interface SeedOptions {
  members: number;
  invitations: number;
  /** PRNG seed: the same seed (and `now`) gives the same data. */
  seed: number;
  /** The anchor time: every seeded time lies before it. */
  now: number;
  invitationTtlDays: number;
  /** Hash of SEED_PASSWORD, computed once and shared by every seeded member. */
  passwordHash: string;
  /** Members (the first ones) who each have `heavyPending` pending sent invitations. */
  heavySenders?: number | undefined;
  heavyPending?: number | undefined;
}

export const TABLE_COLUMNS = {
  members: [
    'id',
    'email',
    'email_normalized',
    'password_hash',
    'name',
    'name_lower',
    'headline',
    'who_can_invite',
    'auto_withdraw_after_days',
    'connection_count',
    'pending_sent_count',
    'pending_received_count',
    'last_stale_reminder_at',
    'created_at',
  ],
  invitations: [
    'id',
    'sender_id',
    'recipient_id',
    'pair_key',
    'message',
    'sent_at',
    'status',
    'ignored_at',
    'ended_at',
  ],
  notifications: ['id', 'member_id', 'type', 'actor_id', 'invitation_id', 'count', 'created_at', 'read_at'],
  connections: ['member_id', 'other_id', 'connected_at'],
} as const;

export type SeedTable = keyof typeof TABLE_COLUMNS;
export type SeedValue = string | number | null;

/** Rows of one table, row-major: `values.length === rows * columns.length`. */
export interface RowBlock {
  table: SeedTable;
  rows: number;
  values: SeedValue[];
}

export interface SeedTotals {
  members: number;
  invitations: number;
  pending: number;
  ignored: number;
  accepted: number;
  withdrawn: number;
  expired: number;
  connections: number;
  notifications: number;
  heavySenders: number;
  heavyPending: number;
}

const ID_TAG = { members: 0x8, invitations: 0x9, notifications: 0xa } as const;

/** Share of invitations carrying a personal note. */
const NOTE_SHARE = 0.35;
/** Share of members who accept invitations only from people who know their email. */
const EMAIL_REQUIRED_SHARE = 0.03;

export class SeedPlan {
  readonly totals: SeedTotals;
  private readonly memberIds: string[];
  private readonly firstName: Uint8Array;
  private readonly lastName: Uint8Array;
  private readonly connectionCount: Int32Array;
  private readonly pendingSent: Int32Array;
  private readonly pendingReceived: Int32Array;
  private readonly pairs: PairSet;
  private readonly span: number;
  private readonly membersFrom: number;
  private notificationSeq = 0;
  /** The version/variant groups of each table's ids: "7" + 12 bits of seed, tag + 12 more. */
  private readonly idMiddle: Record<keyof typeof ID_TAG, string>;

  /** Refuses impossible options before anything is written; returns the totals to fill in. */
  static check(options: SeedOptions): SeedTotals {
    const { members: n, invitations: m } = options;
    if (!Number.isSafeInteger(n) || n < 0 || !Number.isSafeInteger(m) || m < 0) {
      throw new RangeError('members and invitations must be whole numbers ≥ 0');
    }
    if (n > 50_000_000) throw new RangeError('at most 50,000,000 members');
    // Every pair appears at most once; leave enough room that drawing fresh pairs stays quick.
    if (m > 0 && m > (n * (n - 1)) / 4) {
      throw new RangeError(
        `${m} invitations need more members: at most ${Math.floor((n * (n - 1)) / 4)} for ${n} members`,
      );
    }
    const heavySenders = Math.min(
      options.heavySenders ?? Math.min(5, Math.max(1, Math.floor(m / 200_000))),
      Math.max(0, n - 1),
    );
    const heavyPending =
      heavySenders === 0
        ? 0
        : Math.max(
            0,
            Math.min(
              options.heavyPending ?? 10_000,
              Math.floor((n - 1) / 2),
              Math.floor(m / (4 * heavySenders)),
            ),
          );
    return {
      members: n,
      invitations: m,
      pending: 0,
      ignored: 0,
      accepted: 0,
      withdrawn: 0,
      expired: 0,
      connections: 0,
      notifications: 0,
      heavySenders: heavyPending > 0 ? heavySenders : 0,
      heavyPending,
    };
  }

  constructor(private readonly options: SeedOptions) {
    const { members: n } = options;
    this.totals = SeedPlan.check(options);
    this.span = Math.max(365 * DAY, 2 * options.invitationTtlDays * DAY);
    this.membersFrom = options.now - this.span - 365 * DAY;

    const salt = options.seed >>> 0;
    const middle = (tag: number): string =>
      `7${(salt & 0xfff).toString(16).padStart(3, '0')}-${tag.toString(16)}${((salt >>> 12) & 0xfff).toString(16).padStart(3, '0')}`;
    this.idMiddle = {
      members: middle(ID_TAG.members),
      invitations: middle(ID_TAG.invitations),
      notifications: middle(ID_TAG.notifications),
    };
    const profiles = new Random(options.seed ^ 0x5eed0001);
    this.memberIds = new Array<string>(n);
    this.firstName = new Uint8Array(n);
    this.lastName = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      this.memberIds[i] = this.id('members', this.memberCreatedAt(i), i);
      this.firstName[i] = profiles.int(FIRST_NAMES.length);
      this.lastName[i] = profiles.int(LAST_NAMES.length);
    }
    this.connectionCount = new Int32Array(n);
    this.pendingSent = new Int32Array(n);
    this.pendingReceived = new Int32Array(n);
    this.pairs = new PairSet(options.invitations, n);
  }

  /** Seeded member number i (0-based) signs in as member{i+1}@seed.rapport.test. */
  static email(index: number): string {
    return `member${index + 1}@${SEED_EMAIL_DOMAIN}`;
  }

  /**
   * Invitations in send-time order, with the notifications and connections they imply, in
   * blocks of about `blockSize` invitations. Must be consumed before `memberBlocks`.
   */
  *invitationBlocks(blockSize: number): Generator<RowBlock[]> {
    const { invitations: m, members: n, now, invitationTtlDays } = this.options;
    const random = new Random(this.options.seed);
    const ttl = invitationTtlDays * DAY;
    // Pending invitations stay well inside the TTL so a seeded database stays valid for weeks.
    const pendingWindow = Math.floor(ttl * 0.9);
    const start = now - this.span;
    const firstPendingSlot = Math.min(m, Math.ceil(((this.span - pendingWindow) * m) / this.span));
    const heavy = this.totals.heavySenders;
    const heavyLeft = new Int32Array(heavy).fill(this.totals.heavyPending);
    let heavyRemaining = heavy * this.totals.heavyPending;
    let nextHeavy = 0;

    let invitations: SeedValue[] = [];
    let notifications: SeedValue[] = [];
    let connections: SeedValue[] = [];
    let count = 0;
    const flush = (): RowBlock[] => {
      const blocks: RowBlock[] = [
        { table: 'invitations', rows: count, values: invitations },
        { table: 'notifications', rows: notifications.length / 8, values: notifications },
        { table: 'connections', rows: connections.length / 3, values: connections },
      ];
      invitations = [];
      notifications = [];
      connections = [];
      count = 0;
      return blocks;
    };

    for (let k = 0; k < m; k++) {
      const sentAt = start + Math.floor(((k + random.next()) * this.span) / m);
      const age = now - sentAt;
      let sender = -1;
      let recipient = -1;
      let isHeavy = false;

      if (k >= firstPendingSlot && heavyRemaining > 0 && random.next() * (m - k) < heavyRemaining) {
        // A heavy sender's invitation: always pending, to a member they have no history with.
        while (heavyLeft[nextHeavy % heavy] === 0) nextHeavy++;
        const h = nextHeavy++ % heavy;
        for (let tries = 0; tries < 64 && recipient < 0; tries++) {
          const r = random.int(n);
          if (r !== h && this.pairs.add(h, r)) recipient = r;
        }
        heavyLeft[h]!--;
        heavyRemaining--;
        if (recipient >= 0) {
          sender = h;
          isHeavy = true;
        }
      }
      while (sender < 0) {
        const s = heavy + random.int(n - heavy);
        const r = random.int(n);
        if (r !== s && this.pairs.add(s, r)) {
          sender = s;
          recipient = r;
        }
      }

      const id = this.id('invitations', sentAt, k);
      const senderId = this.memberIds[sender] as string;
      const recipientId = this.memberIds[recipient] as string;
      const message =
        random.next() < NOTE_SHARE ? note(random, FIRST_NAMES[this.firstName[recipient]!] as string) : null;
      const roll = random.next();
      let status: 'pending' | 'accepted' | 'withdrawn' | 'expired';
      if (isHeavy) status = 'pending';
      else if (age < pendingWindow) status = roll < 0.6 ? 'pending' : roll < 0.82 ? 'accepted' : 'withdrawn';
      else if (age < ttl) status = roll < 0.6 ? 'accepted' : 'withdrawn';
      else status = roll < 0.3 ? 'accepted' : roll < 0.5 ? 'withdrawn' : 'expired';

      let ignoredAt: number | null = null;
      let endedAt: number | null = null;
      if (status === 'pending') {
        this.totals.pending++;
        this.pendingSent[sender]!++;
        if (random.next() < 0.15) {
          ignoredAt = sentAt + Math.floor(random.next() * age);
          this.totals.ignored++;
        } else {
          this.pendingReceived[recipient]!++;
          // The recipient's "X sent you an invitation", read unless it is recent.
          notifications.push(
            this.id('notifications', sentAt, this.notificationSeq++),
            recipientId,
            'invitation_received',
            senderId,
            id,
            null,
            sentAt,
            age > 2 * DAY ? sentAt + HOUR : null,
          );
        }
      } else if (status === 'expired') {
        this.totals.expired++;
        endedAt = sentAt + ttl;
      } else {
        endedAt = sentAt + Math.floor(random.next() * Math.min(age, 30 * DAY));
        if (status === 'withdrawn') this.totals.withdrawn++;
        else {
          this.totals.accepted++;
          this.totals.connections++;
          this.connectionCount[sender]!++;
          this.connectionCount[recipient]!++;
          connections.push(senderId, recipientId, endedAt, recipientId, senderId, endedAt);
          notifications.push(
            this.id('notifications', endedAt, this.notificationSeq++),
            senderId,
            'invitation_accepted',
            recipientId,
            id,
            null,
            endedAt,
            endedAt + HOUR,
          );
        }
      }
      invitations.push(
        id,
        senderId,
        recipientId,
        pairKey(senderId, recipientId),
        message,
        sentAt,
        status,
        ignoredAt,
        endedAt,
      );
      count++;
      if (count >= blockSize) yield flush();
    }
    if (count > 0) yield flush();
    this.totals.notifications = this.notificationSeq;
  }

  /** Members with their exact counters, in id order. */
  *memberBlocks(blockSize: number): Generator<RowBlock> {
    const { members: n, passwordHash } = this.options;
    const random = new Random(this.options.seed ^ 0x5eed0002);
    let values: SeedValue[] = [];
    let rows = 0;
    for (let i = 0; i < n; i++) {
      const name = `${FIRST_NAMES[this.firstName[i]!]} ${LAST_NAMES[this.lastName[i]!]}`;
      const email = SeedPlan.email(i);
      const whoCanInvite =
        i >= this.totals.heavySenders && random.next() < EMAIL_REQUIRED_SHARE ? 'email_required' : 'everyone';
      values.push(
        this.memberIds[i] as string,
        email,
        email,
        passwordHash,
        name,
        name.toLowerCase(),
        headline(random),
        whoCanInvite,
        null,
        this.connectionCount[i] as number,
        this.pendingSent[i] as number,
        this.pendingReceived[i] as number,
        null,
        this.memberCreatedAt(i),
      );
      rows++;
      if (rows >= blockSize) {
        yield { table: 'members', rows, values };
        values = [];
        rows = 0;
      }
    }
    if (rows > 0) yield { table: 'members', rows, values };
  }

  private memberCreatedAt(i: number): number {
    return this.membersFrom + Math.floor((i * 365 * DAY) / Math.max(1, this.options.members));
  }

  /**
   * A uuid v7 whose time is `ms` and whose last 48 bits count rows of the table, so ids sort in
   * generation order; the seed goes into the remaining bits so two seeds give different ids.
   */
  private id(table: keyof typeof ID_TAG, ms: number, seq: number): string {
    const t = hex48(ms);
    return `${t.slice(0, 8)}-${t.slice(8)}-${this.idMiddle[table]}-${hex48(seq)}`;
  }
}

const HEX = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

/** 12 hex digits of a 48-bit integer; Number#toString(16) is slow for values past 2^31. */
function hex48(v: number): string {
  const hi = Math.floor(v / 4294967296);
  const lo = v >>> 0;
  return (
    HEX[(hi >>> 8) & 255]! +
    HEX[hi & 255]! +
    HEX[lo >>> 24]! +
    HEX[(lo >>> 16) & 255]! +
    HEX[(lo >>> 8) & 255]! +
    HEX[lo & 255]!
  );
}

/** Unordered member pairs already used, in an open-addressing table (a JS Set of 10M is slow). */
class PairSet {
  private readonly slots: Float64Array;
  private readonly mask: number;

  constructor(
    expected: number,
    private readonly members: number,
  ) {
    let size = 16;
    while (size < expected * 2.5) size *= 2;
    this.slots = new Float64Array(size);
    this.mask = size - 1;
  }

  /** Adds the pair; false when it was already there. */
  add(a: number, b: number): boolean {
    const lo = a < b ? a : b;
    const hi = a < b ? b : a;
    const key = lo * this.members + hi + 1;
    let slot = (Math.imul(lo, 0x9e3779b1) ^ Math.imul(hi + 0x7f4a7c15, 0x85ebca6b)) & this.mask;
    for (;;) {
      const current = this.slots[slot];
      if (current === 0) {
        this.slots[slot] = key;
        return true;
      }
      if (current === key) return false;
      slot = (slot + 1) & this.mask;
    }
  }
}
