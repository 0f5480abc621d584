import { defineConfig } from 'prisma/config';

// The CLI would download a native schema engine before `generate`, which these
// offline machines cannot reach; generation never runs it, so point it at node.
// Migrations use the WebAssembly engine (scripts/db.ts). Someone with the real
// engine sets PRISMA_SCHEMA_ENGINE_BINARY to its path.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
