/**
 * A minimal reader of GET /api/v1/notifications/stream for the bus benchmark: it calls
 * `onEvent(name, data, arrivedAt)` for each server-sent event as it arrives, with the arrival
 * time taken before the JSON is parsed, so the time measured is the network's and the server's.
 */
export interface OpenStream {
  close(): void;
}

export async function openStream(
  baseUrl: string,
  token: string,
  onEvent: (name: string, data: unknown, arrivedAt: number) => void,
): Promise<OpenStream> {
  const controller = new AbortController();
  const res = await fetch(`${baseUrl}/api/v1/notifications/stream`, {
    headers: { accept: 'text/event-stream', authorization: `Bearer ${token}` },
    signal: controller.signal,
  });
  if (res.status !== 200 || !res.body) {
    controller.abort();
    throw new Error(`live stream refused: ${res.status}`);
  }
  const reader = res.body.getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  void (async () => {
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) return;
        const arrivedAt = performance.now();
        buffer += decoder.decode(value, { stream: true });
        let cut: number;
        while ((cut = buffer.indexOf('\n\n')) >= 0) {
          const lines = buffer.slice(0, cut).split('\n');
          buffer = buffer.slice(cut + 2);
          const name = lines
            .find((l) => l.startsWith('event:'))
            ?.slice(6)
            .trim();
          const data = lines
            .filter((l) => l.startsWith('data:'))
            .map((l) => l.slice(5).trim())
            .join('\n');
          if (name) onEvent(name, data ? (JSON.parse(data) as unknown) : null, arrivedAt);
        }
      }
    } catch {
      // aborted by close()
    }
  })();
  return { close: () => controller.abort() };
}
