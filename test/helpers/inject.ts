/**
 * app.inject for requests whose answer may never end: the live stream answers 200 with an
 * endless body, so the payload is read as a stream and an event stream is cut off after its
 * headers. Everything else is read whole.
 */
import type { FastifyInstance, InjectOptions } from 'fastify';

export interface InjectedAnswer {
  statusCode: number;
  headers: Record<string, string | string[] | number | undefined>;
  body: string;
}

export async function injectWhole(app: FastifyInstance, options: InjectOptions): Promise<InjectedAnswer> {
  const res = await app.inject({ ...options, payloadAsStream: true });
  const stream = res.stream();
  const type = String(res.headers['content-type'] ?? '');
  if (type.startsWith('text/event-stream')) {
    // Hang up as a client would, so the server ends the stream and its subscription.
    stream.on('error', () => {});
    stream.destroy();
    res.raw.res.destroy();
    return { statusCode: res.statusCode, headers: res.headers, body: '' };
  }
  const chunks: Buffer[] = [];
  for await (const chunk of stream)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string));
  return { statusCode: res.statusCode, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') };
}
