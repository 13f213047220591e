import pg from 'pg';
import type { Db } from '../storage/database.js';
import { notifyAll } from '../storage/repositories/liveEvents.js';
import type { EventBus, LiveEvent, LiveListener } from './bus.js';

export const LIVE_CHANNEL = 'rapport_live';
/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; stay well below. */
const MAX_PAYLOAD_BYTES = 7000;

export interface PgBusOptions {
  /** Where the listening connection goes: the same database the app writes to. */
  connectionString: string;
  /** Publishing goes through the app's pool, so it never waits on the listening connection. */
  db: Db;
  channel?: string;
  /** How the listening connection shows in pg_stat_activity. */
  applicationName?: string;
  /** Reconnect delays of the listening connection: doubling from min to max, with jitter. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Told when the listening connection fails or a publish is lost; the bus itself carries on. */
  onError?: (error: Error, what: 'listen' | 'publish') => void;
}

/**
 * The live-event bus of a PostgreSQL deployment: LISTEN/NOTIFY carries events between any
 * number of app processes. Every process, the publisher included, delivers to its own
 * subscribers only what arrives through its listening connection, so each event reaches every
 * process exactly once whichever process sent it. Payloads are ids only (see bus.ts), packed
 * several to a notification below PostgreSQL's 8000-byte limit.
 *
 * Events published while a process's listening connection is down are not replayed to it; its
 * open pages catch up on their next load, as after any reconnect of the stream.
 */
export class PgBus implements EventBus {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private readonly channel: string;
  private subscribers = 0;
  private client: pg.Client | null = null;
  private reconnectTimer: NodeJS.Timeout | null = null;
  private failures = 0;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  private connected: Promise<void> | null = null;

  constructor(private readonly options: PgBusOptions) {
    this.channel = options.channel ?? LIVE_CHANNEL;
    if (!/^[a-z_][a-z0-9_]{0,62}$/.test(this.channel)) throw new Error(`bad channel name ${this.channel}`);
  }

  /** Connects and listens; resolves once this process receives events. */
  async start(): Promise<this> {
    await this.listen();
    return this;
  }

  /** True while the listening connection is up (for health checks and tests). */
  isListening(): boolean {
    return this.client !== null;
  }

  publish(events: readonly LiveEvent[]): void {
    if (events.length === 0) return;
    const payloads = pack(events);
    // One statement, so the events of one commit arrive in the order they were emitted.
    const sent = notifyAll(this.options.db, this.channel, payloads).then(
      () => undefined,
      (error: unknown) => this.options.onError?.(asError(error), 'publish'),
    );
    this.inFlight.add(sent);
    void sent.finally(() => this.inFlight.delete(sent));
  }

  subscribe(memberId: string, listener: LiveListener): () => void {
    // A fresh function per subscription, so one listener subscribed twice is two subscriptions.
    const entry: LiveListener = (event) => listener(event);
    let set = this.listeners.get(memberId);
    if (!set) this.listeners.set(memberId, (set = new Set()));
    set.add(entry);
    this.subscribers++;
    let active = true;
    return () => {
      if (!active) return;
      active = false;
      this.subscribers--;
      set.delete(entry);
      if (set.size === 0 && this.listeners.get(memberId) === set) this.listeners.delete(memberId);
    };
  }

  subscriberCount(): number {
    return this.subscribers;
  }

  /** Sends what is still being published, then releases the listening connection. */
  async close(): Promise<void> {
    this.closed = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    this.reconnectTimer = null;
    await Promise.all(this.inFlight);
    const client = this.client;
    this.client = null;
    this.listeners.clear();
    if (client) await client.end().catch(() => undefined);
  }

  private listen(): Promise<void> {
    this.connected ??= this.connect().finally(() => {
      this.connected = null;
    });
    return this.connected;
  }

  private async connect(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: this.options.applicationName ?? 'rapport-live',
      keepAlive: true,
      connectionTimeoutMillis: 10_000,
    });
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) this.deliver(message.payload);
    });
    let lost = false;
    // Only a connection that was up is "lost"; a failed attempt is the caller's to retry.
    const onLost = (error?: Error) => {
      if (lost || this.client !== client) return;
      lost = true;
      this.client = null;
      client.removeAllListeners('notification');
      void client.end().catch(() => undefined);
      if (this.closed) return;
      this.options.onError?.(error ?? new Error('the listening connection ended'), 'listen');
      this.scheduleReconnect();
    };
    client.on('error', onLost);
    client.on('end', () => onLost());
    try {
      await client.connect();
      await client.query(`listen ${this.channel}`);
    } catch (error) {
      lost = true;
      client.removeAllListeners();
      client.on('error', () => undefined);
      await client.end().catch(() => undefined);
      throw error;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    this.failures = 0;
  }

  private scheduleReconnect(): void {
    if (this.closed || this.reconnectTimer) return;
    const min = this.options.reconnectMinMs ?? 100;
    const max = this.options.reconnectMaxMs ?? 5000;
    const delay = Math.min(max, min * 2 ** this.failures) * (0.5 + Math.random() / 2);
    this.failures++;
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      this.listen().catch((error: unknown) => {
        this.options.onError?.(asError(error), 'listen');
        this.scheduleReconnect();
      });
    }, delay);
  }

  private deliver(payload: string): void {
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload);
    } catch {
      return;
    }
    if (!Array.isArray(parsed)) return;
    for (const event of parsed) {
      if (!isLiveEvent(event)) continue;
      for (const listener of [...(this.listeners.get(event.memberId) ?? [])]) {
        try {
          listener(event);
        } catch (error) {
          this.options.onError?.(asError(error), 'listen');
        }
      }
    }
  }
}

/** Opens the bus of a PostgreSQL deployment, listening before it returns. */
export function startPgBus(options: PgBusOptions): Promise<PgBus> {
  return new PgBus(options).start();
}

/** JSON arrays of events, each below the payload limit, in publishing order. */
export function pack(events: readonly LiveEvent[], maxBytes = MAX_PAYLOAD_BYTES): string[] {
  const payloads: string[] = [];
  let current: string[] = [];
  let size = 2;
  for (const event of events) {
    const json = JSON.stringify(event);
    const bytes = Buffer.byteLength(json);
    if (current.length > 0 && size + bytes + 1 > maxBytes) {
      payloads.push(`[${current.join(',')}]`);
      current = [];
      size = 2;
    }
    current.push(json);
    size += bytes + 1;
  }
  if (current.length > 0) payloads.push(`[${current.join(',')}]`);
  return payloads;
}

const ID = /^[A-Za-z0-9_:-]{1,200}$/;

/** What every bus accepts from the wire: a known event type with well-formed ids. */
export function isLiveEvent(value: unknown): value is LiveEvent {
  if (typeof value !== 'object' || value === null) return false;
  const e = value as Record<string, unknown>;
  if (typeof e.memberId !== 'string' || !ID.test(e.memberId)) return false;
  switch (e.type) {
    case 'notification':
    case 'notification_removed':
      return typeof e.notificationId === 'string' && ID.test(e.notificationId);
    case 'invitation_removed':
      return typeof e.invitationId === 'string' && ID.test(e.invitationId);
    case 'sessions_ended':
      return isEndedSessions(e.sessions);
    default:
      return false;
  }
}

function isEndedSessions(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const s = value as Record<string, unknown>;
  if ('only' in s) {
    return Array.isArray(s.only) && s.only.every((hash) => typeof hash === 'string' && ID.test(hash));
  }
  return s.allBut === null || (typeof s.allBut === 'string' && ID.test(s.allBut));
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
