// Everything shared by all customers of one dataset: the time window, the catalogue, the marketing
// calendar and a few lookups. Built once from (seed, asOf).
import type { Store } from '../../src/domain/profile/schema.ts';
import type { Catalogue } from './catalogue.ts';
import { buildCatalogue } from './catalogue.ts';
import { CITIES, STORES } from './france.ts';
import type { Marketing } from './marketing.ts';
import { buildMarketing } from './marketing.ts';
import { cumulative, hashInts } from './random.ts';
import { instantMs } from './time.ts';

/** The data window opens here for the default as-of; for another as-of it moves with it. */
const DEFAULT_WINDOW_START = '2022-01-01T00:00:00.000Z';
const DEFAULT_AS_OF = '2026-11-16T00:00:00.000Z';
const WINDOW_LENGTH_MS = instantMs(DEFAULT_AS_OF) - instantMs(DEFAULT_WINDOW_START);

export interface World {
  seed: number;
  asOfMs: number;
  windowStartMs: number;
  catalogue: Catalogue;
  marketing: Marketing;
  storesByCity: Map<string, Store[]>;
  cityWeights: Float64Array;
  /** Offset of the loyalty-card numbering for this seed. */
  cardOffset: number;
}

export function buildWorld(seed: number, asOfMs: number): World {
  const windowStartMs = asOfMs - WINDOW_LENGTH_MS;
  const catalogue = buildCatalogue(seed, asOfMs);
  const storesByCity = new Map<string, Store[]>();
  for (const store of STORES) {
    storesByCity.set(store.city, [...(storesByCity.get(store.city) ?? []), store]);
  }
  return {
    seed,
    asOfMs,
    windowStartMs,
    catalogue,
    marketing: buildMarketing(seed, asOfMs, windowStartMs, catalogue),
    storesByCity,
    cityWeights: cumulative(CITIES.map((c) => c.weight)),
    cardOffset: hashInts(seed, 0xf1d) * 2 + (hashInts(seed, 0xf1e) % 2),
  };
}
