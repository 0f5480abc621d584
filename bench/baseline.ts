/**
 * The bare baseline of `npm run bench:webhook`: node:http and the database
 * doing one durable turn per request and nothing else, so that Setu's
 * figures can be read against what the machine and the database give at all.
 * Per request: parse the JSON body, then in ONE transaction insert the
 * inbound under a unique key (ON CONFLICT DO NOTHING), read the chat's
 * session row, upsert it, insert one outbox row; answer 200.
 *
 *   node --import tsx bench/baseline.ts --database <file:… | postgresql://…> --port N
 *
 * Its own minimal tables (created at start), not Setu's schema. The body is a
 * Telegram Update (update_id is the key, message.chat.id the chat), the same
 * one the bench posts to Setu's /telegram/webhook; the path is not looked at.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';

const { values } = parseArgs({ options: { database: { type: 'string' }, port: { type: 'string' } }, strict: true, allowPositionals: false });
const url = values.database ?? '';
const port = Number(values.port ?? '0');
if (!(url.startsWith('file:') || url.startsWith('postgresql://')) || !Number.isInteger(port)) {
  process.stderr.write('usage: bench/baseline.ts --database <file:… | postgresql://…> --port N\n');
  process.exit(2);
}

interface Turn {
  key: string;
  chat: string;
  text: string;
}

/** One durable turn; resolves once committed. */
type Store = { turn(t: Turn): Promise<void> | void; close(): Promise<void> | void };

const nextState = (stored: string | undefined, text: string): string => {
  const step = stored === undefined ? 0 : (JSON.parse(stored) as { step: number }).step + 1;
  return JSON.stringify({ step, last: text });
};

function sqliteStore(file: string): Store {
  const db = new Database(file, { timeout: 5000 });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(`
    CREATE TABLE IF NOT EXISTS inbound (key TEXT PRIMARY KEY, chat TEXT NOT NULL, received_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS session (chat TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL, updated_at TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS outbox (id INTEGER PRIMARY KEY AUTOINCREMENT, chat TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, created_at TEXT NOT NULL);`);
  const insertInbound = db.prepare('INSERT INTO inbound (key, chat, received_at) VALUES (?, ?, ?) ON CONFLICT (key) DO NOTHING');
  const readSession = db.prepare<[string], { state: string }>('SELECT state FROM session WHERE chat = ?');
  const saveSession = db.prepare(
    `INSERT INTO session (chat, state, version, updated_at) VALUES (?, ?, 1, ?)
     ON CONFLICT (chat) DO UPDATE SET state = excluded.state, version = session.version + 1, updated_at = excluded.updated_at`,
  );
  const enqueue = db.prepare(`INSERT INTO outbox (chat, payload, status, created_at) VALUES (?, ?, 'pending', ?)`);
  const turn = db.transaction((t: Turn) => {
    const now = new Date().toISOString();
    if (insertInbound.run(t.key, t.chat, now).changes === 0) return;
    const state = nextState(readSession.get(t.chat)?.state, t.text);
    saveSession.run(t.chat, state, now);
    enqueue.run(t.chat, JSON.stringify({ text: t.text }), now);
  });
  return { turn: (t) => turn.immediate(t), close: () => void db.close() };
}

async function pgStore(connectionString: string): Promise<Store> {
  // Setu's own pool for its hot statements is this size (src/infra/db/client.ts).
  const pool = new pg.Pool({ connectionString, max: 10 });
  await pool.query(`
    CREATE TABLE IF NOT EXISTS inbound (key TEXT PRIMARY KEY, chat TEXT NOT NULL, received_at TIMESTAMP(3) NOT NULL);
    CREATE TABLE IF NOT EXISTS session (chat TEXT PRIMARY KEY, state TEXT NOT NULL, version INTEGER NOT NULL, updated_at TIMESTAMP(3) NOT NULL);
    CREATE TABLE IF NOT EXISTS outbox (id SERIAL PRIMARY KEY, chat TEXT NOT NULL, payload TEXT NOT NULL, status TEXT NOT NULL, created_at TIMESTAMP(3) NOT NULL);`);
  return {
    async turn(t) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const now = new Date().toISOString().replace('Z', '');
        const fresh = await client.query('INSERT INTO inbound (key, chat, received_at) VALUES ($1, $2, $3) ON CONFLICT (key) DO NOTHING', [t.key, t.chat, now]);
        if (fresh.rowCount !== 0) {
          // FOR UPDATE as Setu's turn reads it: two turns of one chat on two processes take turns.
          const session = await client.query<{ state: string }>('SELECT state FROM session WHERE chat = $1 FOR UPDATE', [t.chat]);
          await client.query(
            `INSERT INTO session (chat, state, version, updated_at) VALUES ($1, $2, 1, $3)
             ON CONFLICT (chat) DO UPDATE SET state = EXCLUDED.state, version = session.version + 1, updated_at = EXCLUDED.updated_at`,
            [t.chat, nextState(session.rows[0]?.state, t.text), now],
          );
          await client.query(`INSERT INTO outbox (chat, payload, status, created_at) VALUES ($1, $2, 'pending', $3)`, [t.chat, JSON.stringify({ text: t.text }), now]);
        }
        await client.query('COMMIT');
      } catch (err) {
        await client.query('ROLLBACK').catch(() => undefined);
        throw err;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  };
}

/** The Update's key, chat and text; null when the body is not one. */
function readUpdate(raw: string): Turn | null {
  try {
    const u = JSON.parse(raw) as { update_id?: unknown; message?: { chat?: { id?: unknown }; text?: unknown } };
    if (typeof u.update_id !== 'number' || typeof u.message?.chat?.id !== 'number') return null;
    return { key: String(u.update_id), chat: String(u.message.chat.id), text: typeof u.message.text === 'string' ? u.message.text : '' };
  } catch {
    return null;
  }
}

const store = url.startsWith('file:') ? sqliteStore(url.slice('file:'.length)) : await pgStore(url);

const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const turn = readUpdate(Buffer.concat(chunks).toString('utf8'));
  if (!turn) return void res.writeHead(400).end();
  await store.turn(turn);
  res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
};

const server = createServer((req, res) => {
  handle(req, res).catch((err: unknown) => {
    process.stderr.write(`baseline: ${err instanceof Error ? err.message : String(err)}\n`);
    if (!res.headersSent) res.writeHead(500).end();
  });
});
server.keepAliveTimeout = 60_000;
server.listen(port, '127.0.0.1', () => process.stdout.write(`baseline listening on http://127.0.0.1:${port}\n`));
process.once('SIGTERM', () => {
  server.close();
  server.closeAllConnections();
  void Promise.resolve(store.close()).finally(() => process.exit(0));
});
