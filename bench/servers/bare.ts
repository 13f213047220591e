/**
 * The baselines' server: the same framework, driver and database as Rapport, and nothing else.
 * GET /ok answers {ok:true}; POST /insert validates a small JSON body and inserts one row in its
 * own transaction; GET /signed-in reads the Bearer token and answers the member it belongs to
 * with ONE indexed statement (session and member joined): what a signed-in GET could cost at
 * best through the same driver. Started as a child process by bench/run.ts, like the real server, so the
 * two processes' memory can be compared.
 */
import Fastify from 'fastify';
import { sql } from 'kysely';
import { Type } from 'typebox';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { openStorage } from '../../src/storage/database.js';
import { newId } from '../../src/storage/ids.js';
import { hashToken } from '../../src/security/tokens.js';

const url = process.env.DATABASE_URL ?? '';
const port = Number(process.env.PORT ?? 0);
const storage = openStorage(url);
const app = Fastify({ logger: false }).withTypeProvider<TypeBoxTypeProvider>();

app.get('/ok', { schema: { response: { 200: Type.Object({ ok: Type.Boolean() }) } } }, async () => ({
  ok: true,
}));

app.post(
  '/insert',
  {
    schema: {
      body: Type.Object({ memberId: Type.String({ maxLength: 200 }), note: Type.String({ maxLength: 300 }) }),
      response: { 201: Type.Object({ id: Type.String() }) },
    },
  },
  async (request, reply) => {
    const id = newId();
    await storage.db.transaction().execute(async (trx) => {
      await sql`insert into bench_inserts (id, member_id, note, created_at) values (${id}, ${request.body.memberId}, ${request.body.note}, ${Date.now()})`.execute(
        trx,
      );
    });
    return reply.code(201).send({ id });
  },
);

app.get(
  '/signed-in',
  {
    schema: {
      response: {
        200: Type.Object({ id: Type.String(), name: Type.String(), headline: Type.String() }),
        401: Type.Object({ error: Type.String() }),
      },
    },
  },
  async (request, reply) => {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    const row = token
      ? (
          await sql<{
            id: string;
            name: string;
            headline: string;
          }>`select m.id, m.name, m.headline from sessions s join members m on m.id = s.member_id where s.token_hash = ${hashToken(token)} and s.expires_at > ${Date.now()}`.execute(
            storage.db,
          )
        ).rows[0]
      : undefined;
    if (!row) return reply.code(401).send({ error: 'unauthorized' });
    return row;
  },
);

await app.listen({ host: '127.0.0.1', port });
const address = app.server.address();
console.log(`listening on ${typeof address === 'object' && address ? address.port : port}`);
process.on('SIGTERM', () => {
  void app.close().then(() => storage.close().then(() => process.exit(0)));
});
