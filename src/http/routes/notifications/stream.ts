import { PassThrough } from 'node:stream';
import type { FastifyBaseLogger } from 'fastify';
import type { Deps } from '../../../commands/deps.js';
import { sessionHasEnded, type LiveEvent } from '../../../events/bus.js';
import { memberOfSession } from '../../../queries/memberOfSession.js';
import { visibleNotification } from '../../../queries/visibleNotification.js';
import type { RequestActor } from '../../auth.js';
import { presentNotification } from './presenter.js';

/** Comfortably under the 25 s that design/api.md promises, so proxies never see it idle. */
export const KEEP_ALIVE_MS = 15_000;

/**
 * `connection: close` because a stream's connection is never reused: saying so stops clients from
 * keeping it (or a replacement) open for the server's keep-alive time, which would hold up close.
 */
export const EVENT_STREAM_HEADERS = {
  'content-type': 'text/event-stream',
  'cache-control': 'no-store',
  'x-accel-buffering': 'no',
  connection: 'close',
} as const;

function sse(event: string, data: unknown): string {
  return `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * The open server-sent event streams of one app. Each follows one member's live events in the
 * order they were published; a stream ends when its client goes away, when its session ends
 * (a `sessions_ended` event from any process, and checked again on every keep-alive), or when
 * the app closes.
 */
export class LiveStreams {
  private readonly open = new Set<() => void>();

  constructor(
    private readonly deps: Deps,
    private readonly keepAliveMs: number,
  ) {}

  /** Starts a stream for the member; the caller sends the returned body with the event-stream headers. */
  start(actor: RequestActor, log: FastifyBaseLogger): PassThrough {
    const { deps } = this;
    const body = new PassThrough();
    let closed = false;
    let delivered: Promise<void> = Promise.resolve();

    const write = (text: string) => {
      if (!closed) body.write(text);
    };

    // Events carry ids only; what they point at is loaded now, as the member may see it. A
    // notification deleted meanwhile (a withdrawal racing delivery) is simply not sent.
    const deliver = async (event: Exclude<LiveEvent, { type: 'sessions_ended' }>): Promise<void> => {
      if (closed) return;
      if (event.type === 'notification') {
        const row = await visibleNotification(deps, actor, event.notificationId);
        if (row) write(sse('notification', presentNotification(row)));
      } else if (event.type === 'notification_removed') {
        write(sse('notification_removed', { id: event.notificationId }));
      } else {
        write(sse('invitation_removed', { id: event.invitationId }));
      }
    };

    const unsubscribe = deps.bus.subscribe(actor.id, (event) => {
      // At once, not behind deliveries still loading: nothing more reaches an ended session.
      if (event.type === 'sessions_ended') {
        if (sessionHasEnded(event.sessions, actor.tokenHash)) close();
        return;
      }
      delivered = delivered
        .then(() => deliver(event))
        .catch((err: unknown) => log.warn({ err }, 'live event not delivered'));
    });

    const keepAlive = setInterval(() => {
      write(': keep-alive\n\n');
      memberOfSession(deps, actor.tokenHash)
        .then((memberId) => {
          if (memberId !== actor.id) close();
        })
        .catch((err: unknown) => log.warn({ err }, 'live stream session check failed'));
    }, this.keepAliveMs);

    const close = () => {
      if (closed) return;
      closed = true;
      clearInterval(keepAlive);
      unsubscribe();
      this.open.delete(close);
      deps.metrics.liveStreams.dec();
      body.end();
    };

    this.open.add(close);
    deps.metrics.liveStreams.inc();
    // Fastify destroys the body when the client disconnects; ending it ourselves also lands here.
    body.on('close', close);
    body.write('retry: 3000\n: connected\n\n');
    return body;
  }

  /** Ends every open stream, so the server can close without waiting for clients. */
  closeAll(): void {
    for (const close of [...this.open]) close();
  }

  get size(): number {
    return this.open.size;
  }
}
