import { Redis, type RedisOptions } from 'ioredis';
import type { EventBus, LiveEvent, LiveListener } from './bus.js';
import { isLiveEvent, LIVE_CHANNEL, pack } from './pgBus.js';

/**
 * Redis accepts far larger messages, but one subscriber that falls behind is disconnected once
 * its output buffer passes 8 MiB for a minute (client-output-buffer-limit pubsub): a bulk
 * withdrawal goes out in messages of this size rather than as one.
 */
const MAX_MESSAGE_BYTES = 64 * 1024;

export interface RedisBusOptions {
  /** redis://host:port (RAPPORT_BUS_URL). */
  url: string;
  /** The pub/sub channel every process of one deployment shares. */
  channel?: string;
  /** How the two connections show in CLIENT LIST (suffixed -pub and -sub). */
  connectionName?: string;
  /** Reconnect delays of both connections: doubling from min to max, with jitter. */
  reconnectMinMs?: number;
  reconnectMaxMs?: number;
  /** Told when a connection fails or a publish is lost; the bus itself carries on. */
  onError?: (error: Error, what: 'listen' | 'publish') => void;
}

/**
 * The live-event bus through Redis pub/sub: for deployments whose processes should not pay
 * PostgreSQL's commit-time NOTIFY lock, or that span more than one database. It keeps PgBus's
 * semantics exactly: events are published only after their transaction committed (inTransaction
 * calls publish then), the events of one commit travel in order, in as few messages as fit, and
 * every process, the publisher included, delivers to its own subscribers only what arrives on its
 * subscribing connection, so each event reaches each process exactly once.
 *
 * Two connections, because a subscribing Redis connection can do nothing else. Publishing never
 * queues while Redis is unreachable (that queue would grow without bound and replay stale
 * events): a publish that cannot be sent is reported and dropped. Events published while a
 * process's subscribing connection is down are not replayed to it either; its open pages catch up
 * on their next load, as after any reconnect of the stream. Both connections reconnect with
 * backoff.
 */
export class RedisBus implements EventBus {
  private readonly listeners = new Map<string, Set<LiveListener>>();
  private readonly channel: string;
  private readonly pub: Redis;
  private readonly sub: Redis;
  private subscribers = 0;
  /** Set once start() subscribed: from then on every new connection subscribes again. */
  private subscribedOnce = false;
  private listening = false;
  private closed = false;
  private readonly inFlight = new Set<Promise<void>>();
  private closing: Promise<void> | null = null;
  private lastError: Error | null = null;

  constructor(private readonly options: RedisBusOptions) {
    this.channel = options.channel ?? LIVE_CHANNEL;
    const name = options.connectionName ?? 'rapport-live';
    const common: RedisOptions = {
      lazyConnect: true,
      // Connection attempts are ours to make: ioredis's own retries, backing off.
      retryStrategy: (times) => (this.closed ? null : this.backoff(times)),
      connectTimeout: 10_000,
      keepAlive: 30_000,
    };
    this.pub = new Redis(options.url, {
      ...common,
      connectionName: `${name}-pub`,
      enableOfflineQueue: false,
      // A PUBLISH whose connection dropped before the reply may or may not have gone out:
      // sending it again could deliver it twice, so it counts as lost instead.
      autoResendUnfulfilledCommands: false,
      maxRetriesPerRequest: 0,
      commandTimeout: 5000,
      // The publishes of concurrent commits in one tick travel to Redis in one write.
      enableAutoPipelining: true,
    });
    this.sub = new Redis(options.url, {
      ...common,
      connectionName: `${name}-sub`,
      // Resubscribing is done below, so isListening() is true only once it has.
      autoResubscribe: false,
      maxRetriesPerRequest: null,
    });
    this.pub.on('error', (error: Error) => this.report(error, 'publish'));
    this.sub.on('error', (error: Error) => this.report(error, 'listen'));
    for (const client of [this.pub, this.sub]) client.on('error', (error: Error) => (this.lastError = error));
    this.sub.on('close', () => {
      this.listening = false;
    });
    this.sub.on('ready', () => {
      if (this.subscribedOnce) void this.resubscribe();
    });
    this.sub.on('messageBuffer', (channel: Buffer, message: Buffer) => {
      if (channel.toString() === this.channel) this.deliver(message.toString());
    });
  }

  /** Connects both connections and subscribes; resolves once this process receives events. */
  async start(): Promise<this> {
    try {
      await Promise.all([this.pub.connect(), this.sub.connect()]);
      await this.sub.subscribe(this.channel);
    } catch (error) {
      this.closed = true;
      this.pub.disconnect();
      this.sub.disconnect();
      const { hostname, port } = new URL(this.options.url);
      const why = (this.lastError ?? asError(error)).message;
      throw new Error(`live events: Redis at ${hostname}:${port || 6379} is not reachable (${why})`, {
        cause: error,
      });
    }
    this.subscribedOnce = true;
    this.listening = true;
    return this;
  }

  /** True while the subscribing connection is up and subscribed (for health checks and tests). */
  isListening(): boolean {
    return this.listening;
  }

  publish(events: readonly LiveEvent[]): void {
    if (events.length === 0 || this.closed) return;
    // One connection, commands in order: the messages of one commit arrive in order.
    const sent = Promise.all(
      pack(events, MAX_MESSAGE_BYTES).map((m) => this.pub.publish(this.channel, m)),
    ).then(
      () => undefined,
      (error: unknown) => this.report(asError(error), 'publish'),
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

  /** Sends what is still being published, then closes both connections. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      this.closed = true;
      this.subscribedOnce = false;
      await Promise.all(this.inFlight);
      this.listening = false;
      this.listeners.clear();
      await Promise.all([quit(this.pub), quit(this.sub)]);
    })();
    return this.closing;
  }

  private async resubscribe(): Promise<void> {
    try {
      await this.sub.subscribe(this.channel);
      if (!this.closed) this.listening = true;
    } catch (error) {
      // The connection went again; its next 'ready' tries once more.
      this.report(asError(error), 'listen');
    }
  }

  private backoff(times: number): number {
    const min = this.options.reconnectMinMs ?? 100;
    const max = this.options.reconnectMaxMs ?? 5000;
    return Math.round(Math.min(max, min * 2 ** Math.max(0, times - 1)) * (0.5 + Math.random() / 2));
  }

  private report(error: Error, what: 'listen' | 'publish'): void {
    if (!this.closed) this.options.onError?.(error, what);
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
          this.report(asError(error), 'listen');
        }
      }
    }
  }
}

/** Opens the Redis bus, subscribed before it returns. */
export function startRedisBus(options: RedisBusOptions): Promise<RedisBus> {
  return new RedisBus(options).start();
}

async function quit(client: Redis): Promise<void> {
  if (client.status !== 'ready') {
    client.disconnect();
    return;
  }
  try {
    await client.quit();
  } catch {
    client.disconnect();
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
