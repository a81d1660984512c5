// The demo-data generator (mocks/seed), loaded at run time for the DuckDB store's tests and bench.
// The server layer does not depend on mocks (eslint layer rule, DESIGN.md): only these development
// tools use it, through a dynamic import, and they work (or skip) without it.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../../src/domain/profile/schema.ts';
import type { CustomerRows, ReferenceRows } from './duckdb-loader.ts';

export interface SeedOptions {
  seed: number;
  customers: number;
  asOf?: string;
}

export interface SeedManifest {
  as_of: string;
  stories: readonly { story: string; customer_id: string }[];
}

/** What the DuckDB tools use of mocks/seed/index.ts. */
export interface SeedModule {
  DEMO_AS_OF: string;
  generateDataset(options: SeedOptions): { dataset: Dataset; manifest: SeedManifest };
  streamDataset(
    options: SeedOptions,
    sink: { reference(rows: ReferenceRows): void; customers(rows: CustomerRows): void },
  ): SeedManifest;
}

const seedUrl = new URL('../../mocks/seed/index.ts', import.meta.url);

/** The generator, or null when mocks/seed/index.ts is not there (or exports something else). */
export async function loadSeedModule(): Promise<SeedModule | null> {
  if (!existsSync(fileURLToPath(seedUrl))) return null;
  const mod: Partial<SeedModule> = await import(seedUrl.href);
  const { DEMO_AS_OF, generateDataset, streamDataset } = mod;
  if (typeof DEMO_AS_OF !== 'string') return null;
  if (typeof generateDataset !== 'function' || typeof streamDataset !== 'function') return null;
  return { DEMO_AS_OF, generateDataset, streamDataset };
}
