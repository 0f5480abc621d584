import type { PrismaClient as SqliteClient } from '../../generated/sqlite/client.ts';

/**
 * The one client type the repositories use. Both generated clients come from
 * the same models (prisma/postgres/schema.prisma is derived from the SQLite
 * schema and checked by `db:check`), so their model APIs are the same.
 * Its own module so the turn stores can name it without importing the client that builds them.
 */
export type DbClient = SqliteClient;
