/**
 * Whether a database error is the database's condition (full, read-only,
 * locked, unreachable) rather than a fault of the work itself. Such work is
 * retried until the database can take it again, never set aside: the
 * message behind it is fine and would be lost.
 *
 * Read from the real error objects: better-sqlite3 throws SqliteError with a
 * `code` like `SQLITE_FULL`; node-postgres an error with a SQLSTATE `code`
 * (or a Node socket code, or no code at all when the connection just ends);
 * Prisma wraps the driver's error as `meta.driverAdapterError.cause`
 * (`originalCode`, or a `kind` such as `DatabaseNotReachable`), or reports
 * its own P1xxx / P2024.
 */

/** SQLite primary codes whose extended variants (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED, …) are transient too. */
const SQLITE_TRANSIENT = /^SQLITE_(FULL|BUSY|LOCKED|IOERR|READONLY|CANTOPEN|PROTOCOL)(_|$)/;

/** SQLite primary result codes (the low byte of an extended code) that are transient. */
const SQLITE_PRIMARY = new Set([5 /* BUSY */, 6 /* LOCKED */, 8 /* READONLY */, 10 /* IOERR */, 13 /* FULL */, 14 /* CANTOPEN */, 15 /* PROTOCOL */]);

/** PostgreSQL SQLSTATEs: connection exceptions (08), insufficient resources (53, e.g. disk full 53100), operator intervention (57P01–57P05), read-only (25006). */
const PG_TRANSIENT = /^(08...|53...|57P0[1-5]|25006|40001|40P01)$/;

const NODE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENETUNREACH', 'EAI_AGAIN', 'ENOSPC', 'EROFS']);

/** Prisma's own codes: cannot reach (P1001), timed out (P1002, P1008), server closed the connection (P1017), pool exhausted (P2024), write conflict (P2034). */
const PRISMA_TRANSIENT = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024', 'P2034']);

const ADAPTER_KINDS = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TransactionWriteConflict', 'TlsConnectionError']);

/** pg ends a query this way, without a code, when the server goes away mid-connection. */
const PG_LOST = /Connection terminated|connection is closed|Client has encountered a connection error|terminating connection|timeout exceeded when trying to connect/i;

function field(o: object, key: string): unknown {
  return (o as Record<string, unknown>)[key];
}

export function isTransientDbError(err: unknown, depth = 0): boolean {
  if (typeof err !== 'object' || err === null || depth > 5) return false;
  const code = field(err, 'code');
  if (typeof code === 'string') {
    if (SQLITE_TRANSIENT.test(code) || PG_TRANSIENT.test(code) || NODE_SOCKET.has(code) || PRISMA_TRANSIENT.has(code)) return true;
  }
  const kind = field(err, 'kind');
  if (typeof kind === 'string') {
    if (ADAPTER_KINDS.has(kind)) return true;
    const original = field(err, 'originalCode');
    if (typeof original === 'string' && (SQLITE_TRANSIENT.test(original) || PG_TRANSIENT.test(original))) return true;
    if (kind === 'sqlite' && typeof field(err, 'extendedCode') === 'number' && SQLITE_PRIMARY.has((field(err, 'extendedCode') as number) & 0xff)) return true;
    if (kind === 'postgres' && typeof code === 'string' && PG_TRANSIENT.test(code)) return true;
  }
  const message = field(err, 'message');
  if (typeof message === 'string' && PG_LOST.test(message)) return true;
  const meta = field(err, 'meta');
  if (typeof meta === 'object' && meta !== null && isTransientDbError(field(meta, 'driverAdapterError'), depth + 1)) return true;
  return isTransientDbError(field(err, 'cause'), depth + 1);
}

/** A short, safe description of a database error for /health and logs (no SQL, no values). */
export function dbErrorReason(err: unknown): string {
  const seen: string[] = [];
  let e: unknown = err;
  for (let i = 0; i < 5 && typeof e === 'object' && e !== null; i += 1) {
    const original = field(e, 'originalCode') ?? field(e, 'code');
    if (typeof original === 'string' && !/^P\d{4}$/.test(original)) seen.push(original);
    const meta = field(e, 'meta');
    e = typeof meta === 'object' && meta !== null && field(meta, 'driverAdapterError') ? field(meta, 'driverAdapterError') : field(e, 'cause');
  }
  const head = seen[0];
  if (head !== undefined) return head;
  return err instanceof Error ? err.message.split('\n').filter(Boolean).at(-1)?.slice(0, 200) ?? 'database error' : 'database error';
}
