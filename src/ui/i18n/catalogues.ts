// The message catalogues: one JSON file per language and namespace (locales/<language>/<ns>.json),
// each message in ICU MessageFormat (plurals, select). A language's files are fetched when that
// language is first used, as their own chunks: the app's first JavaScript carries none of them.
// Each file is checked when it arrives (a catalogue is data from outside the code).
import { z } from 'zod';
import type { Language } from './languages.ts';

/** The namespaces: `common` holds the frame and shared states, `errors` the wording of API errors
 * and validation issues (src/ui/api-error-words.ts), the others one feature each (`builder`: the
 * segment builder's condition editors; `segments`: the rest of the segments pages). */
export const namespaces = [
  'common',
  'errors',
  'segments',
  'builder',
  'customers',
  'campaigns',
  'dashboards',
  'preview',
  'guardrails',
  'team',
  'auditlog',
  'imports',
] as const;
export type Namespace = (typeof namespaces)[number];

export interface Catalogue {
  [key: string]: string | Catalogue;
}
const catalogueSchema: z.ZodType<Catalogue> = z.lazy(() =>
  z.record(z.string(), z.union([z.string(), catalogueSchema])),
);

const loaders = import.meta.glob<unknown>('./locales/*/*.json', { import: 'default' });

export type Catalogues = ReadonlyMap<Namespace, Catalogue>;

/** A language's catalogues, every namespace, checked. */
export async function loadCatalogues(language: Language): Promise<Catalogues> {
  const entries = await Promise.all(
    namespaces.map(async (ns) => {
      const load = loaders[`./locales/${language}/${ns}.json`];
      if (load === undefined) throw new Error(`No ${language} catalogue for "${ns}".`);
      const parsed = catalogueSchema.safeParse(await load());
      if (!parsed.success) throw new Error(`The ${language} catalogue "${ns}" is malformed.`);
      return [ns, parsed.data] as const;
    }),
  );
  return new Map(entries);
}
