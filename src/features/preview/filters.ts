// Which recipients the list shows, as the URL holds it (?flagged=1&guardrail=already_owned&q=…):
// parsed with zod at the edge, so a hand-edited link drops what it does not know instead of failing.
import { z } from 'zod';
import { guardrailId, type GuardrailId } from '../../domain/guardrails/verdict.ts';

export interface RecipientFilters {
  /** Only recipients with at least one verdict. */
  flagged: boolean;
  /** Only recipients with a verdict of this guardrail. */
  guardrail: GuardrailId | null;
  /** Searches the customer id, names and e-mail. */
  q: string;
}

export const NO_FILTERS: RecipientFilters = { flagged: false, guardrail: null, q: '' };

/** The API's limit on a search. */
export const MAX_SEARCH = 200;

const searchParams = z.object({
  flagged: z
    .enum(['1', 'true'])
    .nullable()
    .catch(null)
    .transform((v) => v !== null),
  guardrail: guardrailId.nullable().catch(null),
  q: z
    .string()
    .nullable()
    .catch(null)
    .transform((q) => (q ?? '').trim().slice(0, MAX_SEARCH)),
});

export function parseRecipientFilters(params: URLSearchParams): RecipientFilters {
  return searchParams.parse({
    flagged: params.get('flagged'),
    guardrail: params.get('guardrail'),
    q: params.get('q'),
  });
}

/** The query string for `filters`, keeping the parameters that are not the list's. */
export function withRecipientFilters(
  params: URLSearchParams,
  filters: RecipientFilters,
): URLSearchParams {
  const next = new URLSearchParams(params);
  const set = (key: string, value: string | null) =>
    value === null || value === '' ? next.delete(key) : next.set(key, value);
  set('flagged', filters.flagged ? '1' : null);
  set('guardrail', filters.guardrail);
  set('q', filters.q.trim());
  return next;
}
