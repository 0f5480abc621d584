/**
 * The benches' command lines: strict options, --help, and a clear message
 * with the usage on bad input (exit 2), the same in each.
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

type Options = NonNullable<ParseArgsConfig['options']>;
type Values<O extends Options> = ReturnType<typeof parseArgs<{ options: O; strict: true; allowPositionals: false }>>['values'];

export interface BenchArgs<O extends Options> {
  values: Values<O>;
  /** Says what is wrong, the usage, and where to read more; exits 2. */
  fail(message: string): never;
  /** A whole number from min to max (Latin digits), or the fallback when not given. */
  wholeNumber(name: string, raw: string | undefined, fallback: number, min: number, max: number): number;
  /** One of the allowed words, or the fallback when not given. */
  oneOf<T extends string>(name: string, raw: string | undefined, fallback: T, allowed: readonly T[]): T;
}

/**
 * Reads `npm run <command>`'s options; prints `help` and exits 0 on --help.
 * `usageLines`: how many of the help's first lines are the usage.
 */
export function benchArgs<const O extends Options>(command: string, help: string, options: O, usageLines = 1): BenchArgs<O> {
  const fail = (message: string): never => {
    process.stderr.write(`${message}\nUsage: ${help.split('\n').slice(0, usageLines).join('\n')}\n(npm run ${command} -- --help says more)\n`);
    process.exit(2);
  };
  let values: Values<O>;
  try {
    values = parseArgs({ options, strict: true, allowPositionals: false }).values as Values<O>;
  } catch (err) {
    return fail(err instanceof Error ? err.message : String(err));
  }
  if ((values as Record<string, unknown>).help === true) {
    process.stdout.write(`${help}\n`);
    process.exit(0);
  }
  return {
    values,
    fail,
    wholeNumber(name, raw, fallback, min, max) {
      if (raw === undefined) return fallback;
      const n = /^\d+$/.test(raw.trim()) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(n) || n < min || n > max) fail(`--${name} must be a whole number from ${min} to ${max}, not "${raw}"`);
      return n;
    },
    oneOf(name, raw, fallback, allowed) {
      const v = raw ?? fallback;
      if (!(allowed as readonly string[]).includes(v)) fail(`--${name} must be ${allowed.slice(0, -1).join(', ')} or ${allowed.at(-1)}, not "${v}"`);
      return v as (typeof allowed)[number];
    },
  };
}
