import { defineConfig } from 'prisma/config';

// The CLI would download a native schema engine before `generate`, which these
// offline machines cannot reach; generation never runs it, so point it at node.
// Migrations use the WebAssembly engine (scripts/db.ts). Someone with the real
// engine sets PRISMA_SCHEMA_ENGINE_BINARY to its path.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= process.execPath;
// Nor should it look up checkpoint.prisma.io (its update check and telemetry).
process.env.CHECKPOINT_DISABLE ??= '1';

export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
});
