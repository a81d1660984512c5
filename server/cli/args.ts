// What the command-line tools share: their flags read by Node's parseArgs, a wrong one answered
// with its reason and the usage (exit 2), and the import's own flags (as-of, mapping) checked the
// same way by every command that imports.
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { readMapping } from '../import/mapping.ts';
import { normalInstant } from '../import/read.ts';

export interface Cli {
  /** Prints `message` and the usage, and exits 2. */
  fail(message: string): never;
}

export function cli(usage: string): Cli {
  return {
    fail(message) {
      process.stderr.write(`${message}\n\n${usage}\n`);
      process.exit(2);
    },
  };
}

/** The flags of `options`, or the usage and exit 2 on an unknown or malformed one. */
export function flags<O extends NonNullable<ParseArgsConfig['options']>>(command: Cli, options: O) {
  try {
    return parseArgs({ options, strict: true, allowPositionals: false }).values;
  } catch (error: unknown) {
    return command.fail(error instanceof Error ? error.message : String(error));
  }
}

/** `--as-of` as an instant with its offset (default: now). */
export function asOfFlag(command: Cli, value: string | undefined): string {
  const asOf = value === undefined ? new Date().toISOString() : normalInstant(value);
  return asOf ?? command.fail(`--as-of must be an instant with its offset, got "${value ?? ''}".`);
}

/** `--mapping` read and checked, or null without one. */
export function mappingFlag(command: Cli, path: string | undefined) {
  if (path === undefined) return null;
  try {
    return readMapping(path);
  } catch (error: unknown) {
    return command.fail(error instanceof Error ? error.message : String(error));
  }
}
