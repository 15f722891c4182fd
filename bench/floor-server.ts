/**
 * The floor: the least a capture can cost on this machine, a bare node:http server doing
 * the one INSERT a capture cannot avoid, (user_id, content), through the same pg.Pool size
 * as the app (10), in its own process. The app's capture is judged against it, so framework,
 * auth, validation and the job record show up as the gap. Run as a child by bench/thoughts.ts.
 *
 * Env: DATABASE_URL, FLOOR_TABLE (`thoughts`: the same-table floor, every index the app keeps;
 * `floor_thoughts`: the reference floor with only the primary key and the feed index),
 * FLOOR_USER_IDS (comma-separated; each row goes to a random one, no auth, so inserts spread
 * over users' index ranges as the app's do), PORT.
 *
 * GET /list is the read floor: FLOOR_LIST_SQL, the app's SELECT for a list of 50 (its columns,
 * filter and order; $1 a random one of the users, $2 'active', $3 51) and JSON.stringify of the rows as pg returns them; no auth,
 * validation, mapping or cursor. It shows how much of the app's CPU per list any node:http + pg
 * server on this machine would spend.
 */
import { createServer } from 'node:http';
import pg from 'pg';

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
const userIds = (process.env.FLOOR_USER_IDS ?? '').split(',');
const table = process.env.FLOOR_TABLE ?? 'thoughts';
if (!/^[a-z_]+$/.test(table)) throw new Error(`bad FLOOR_TABLE ${table}`);
const INSERT = `INSERT INTO ${table} (user_id, content) VALUES ($1, $2) RETURNING id, created_at`;
const MAX_BODY = 64 * 1024;
/** The app's list statement, from bench/thoughts.ts (built from the repository's own columns). */
const LIST = process.env.FLOOR_LIST_SQL;
const randomUser = () => userIds[Math.floor(Math.random() * userIds.length)];

const server = createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/health') {
    res.writeHead(200).end('ok');
    return;
  }
  if (LIST && req.method === 'GET' && req.url === '/list') {
    pool.query(LIST, [randomUser(), 'active', 51]).then(
      ({ rows }) =>
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify({ data: rows.slice(0, 50), next_cursor: null })),
      (error: unknown) => res.writeHead(500).end(String(error)),
    );
    return;
  }
  if (req.method !== 'POST' || req.url !== '/') {
    res.writeHead(404).end();
    return;
  }
  const chunks: Buffer[] = [];
  let size = 0;
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size <= MAX_BODY) chunks.push(chunk);
  });
  req.on('end', () => {
    void (async () => {
      try {
        const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
          content: string;
          tags?: string[];
        };
        const tags = body.tags ?? [];
        const { rows } = await pool.query<{ id: string; created_at: Date }>(INSERT, [
          randomUser(),
          body.content,
        ]);
        const row = rows[0]!;
        const json = JSON.stringify({
          id: row.id,
          content: body.content,
          tags,
          created_at: row.created_at,
        });
        res.writeHead(201, { 'content-type': 'application/json' }).end(json);
      } catch (error) {
        res
          .writeHead(400, { 'content-type': 'application/json' })
          .end(JSON.stringify({ error: String(error) }));
      }
    })();
  });
});

server.listen(Number(process.env.PORT), '127.0.0.1');

process.once('SIGTERM', () => {
  server.close();
  void pool.end().finally(() => process.exit(0));
});
