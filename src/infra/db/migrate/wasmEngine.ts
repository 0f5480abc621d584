import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as bg from '@prisma/schema-engine-wasm/schema_engine_bg';
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from '@prisma/driver-adapter-utils';

let started = false;

/** Node has WebAssembly; TypeScript declares it only with the DOM library, which Setu does not load. */
interface WasmApi {
  Module: new (bytes: Uint8Array) => object;
  Instance: new (module: object, imports: Record<string, object>) => { exports: Record<string, unknown> };
}
const wasmApi = (globalThis as unknown as { WebAssembly: WasmApi }).WebAssembly;

/**
 * Prisma's schema engine compiled to WebAssembly: the offline stand-in for
 * the native engine the CLI would download. Node 20 cannot import .wasm
 * modules, so the module is instantiated by hand as its own loader would.
 */
function startWasm(): void {
  if (started) return;
  const require = createRequire(import.meta.url);
  const dir = dirname(require.resolve('@prisma/schema-engine-wasm/schema_engine_bg'));
  const module = new wasmApi.Module(readFileSync(join(dir, 'schema_engine_bg.wasm')));
  const instance = new wasmApi.Instance(module, { './schema_engine_bg.js': bg });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  started = true;
}

export interface Engine {
  engine: bg.SchemaEngine;
  /** Turns "External error id#N" into the driver's own message. */
  explain(err: unknown): Error;
}

export async function createSchemaEngine(
  datamodel: { path: string; content: string },
  factory: SqlMigrationAwareDriverAdapterFactory,
): Promise<Engine> {
  startWasm();
  const bound = bindMigrationAwareSqlAdapterFactory(factory);
  const engine = await bg.SchemaEngine.new({ datamodels: [[datamodel.path, datamodel.content]] }, () => {}, bound);
  return {
    engine,
    explain(err) {
      const message = err instanceof Error ? err.message : String(err);
      const id = message.match(/External error id#(\d+)/)?.[1];
      const cause = id ? bound.errorRegistry.consumeError(Number(id)) : undefined;
      return new Error(cause ? `${message}: ${String((cause.error as Error).message ?? cause.error)}` : message);
    },
  };
}
