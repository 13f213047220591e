/**
 * A live-stream reader for suites that must see what an open page would see: it reads
 * GET /api/v1/notifications/stream over a real socket (inject cannot stream) and splits it into
 * events as a browser's EventSource does. Generalised from test/http/withdraw-privacy.test.ts.
 */

export interface SseEvent {
  event: string;
  data: unknown;
}

export interface LiveStream {
  /** Every `event:` block received so far, data parsed as JSON. */
  readonly events: SseEvent[];
  /** Resolves once `predicate(events)` holds; rejects after `ms`. */
  waitFor(predicate: (events: SseEvent[]) => boolean, ms?: number): Promise<void>;
  /** Resolves once the server has ended the stream; rejects after `ms`. */
  waitForEnd(ms?: number): Promise<void>;
  /** Lets events already published arrive: waits until nothing new came for `quietMs`. */
  settle(quietMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function openLiveStream(
  baseUrl: string,
  auth: { token: string; via?: 'bearer' | 'cookie' },
): Promise<LiveStream> {
  const controller = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (auth.via === 'cookie') headers.cookie = `rapport_session=${auth.token}`;
  else headers.authorization = `Bearer ${auth.token}`;
  const res = await fetch(`${baseUrl}/api/v1/notifications/stream`, { headers, signal: controller.signal });
  if (res.status !== 200 || !String(res.headers.get('content-type')).includes('text/event-stream')) {
    controller.abort();
    throw new Error(`live stream refused: ${res.status} ${res.headers.get('content-type')}`);
  }
  const events: SseEvent[] = [];
  let lastArrival = Date.now();
  const decoder = new TextDecoder();
  let buffer = '';
  const reader = res.body!.getReader();
  let endedByServer = false;
  const done = (async () => {
    try {
      for (;;) {
        const { value, done: finished } = await reader.read();
        if (finished) {
          endedByServer = true;
          break;
        }
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, cut);
          buffer = buffer.slice(cut + 2);
          const lines = block.split('\n').filter((l) => !l.startsWith(':'));
          const event = lines
            .find((l) => l.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = lines
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (event) {
            events.push({ event, data: data ? JSON.parse(data) : null });
            lastArrival = Date.now();
          }
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return {
    events,
    async waitFor(predicate, ms = 3000) {
      const until = Date.now() + ms;
      while (!predicate(events)) {
        if (Date.now() > until) {
          throw new Error(`the live stream did not show the expected events: ${JSON.stringify(events)}`);
        }
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async waitForEnd(ms = 3000) {
      const until = Date.now() + ms;
      while (!endedByServer) {
        if (Date.now() > until) throw new Error(`the live stream was still open after ${ms} ms`);
        await new Promise((r) => setTimeout(r, 20));
      }
    },
    async settle(quietMs = 150) {
      const start = Date.now();
      lastArrival = Math.max(lastArrival, start);
      while (Date.now() - lastArrival < quietMs) await new Promise((r) => setTimeout(r, 20));
    },
    async close() {
      controller.abort();
      await done;
    },
  };
}
