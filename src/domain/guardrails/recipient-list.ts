// A campaign's recipients with what the guardrails found, as the preview lists them: each
// recipient's summary (the guardrails with a verdict, blocking first), the counts per guardrail,
// and a page of those matching a filter and a search, in customer id order after a cursor.
import { compareText } from '../compare.ts';
import type { Customer } from '../profile/schema.ts';
import type { GuardrailId, Verdict } from './verdict.ts';

export interface RecipientSummary {
  customer_id: string;
  first_name: string | null;
  last_name: string | null;
  email: string | null;
  /** The guardrails with a verdict, each once, in the verdicts' order (blocking first). */
  guardrails: GuardrailId[];
  /** Those of `guardrails` with a blocking verdict. */
  blocking: GuardrailId[];
  blocked: boolean;
}

/** A summary with the text a search reads, folded once. */
export interface ListedRecipient {
  summary: RecipientSummary;
  /** Id, names and e-mail, folded (`foldForSearch`), space-separated. */
  searchText: string;
}

/**
 * Text as a search compares it: lower case, accents and other combining marks dropped, the
 * ligatures spelled out (« Œ » is « oe »), so « helene » finds « Hélène ».
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .replace(/ß/g, 'ss');
}

/** One recipient as listed, from their customer row and verdicts (sorted, blocking first). */
export function listedRecipient(
  customer: Pick<Customer, 'customer_id' | 'first_name' | 'last_name' | 'email'>,
  verdicts: readonly Verdict[],
): ListedRecipient {
  const guardrails: GuardrailId[] = [];
  const blocking: GuardrailId[] = [];
  for (const v of verdicts) {
    if (!guardrails.includes(v.guardrail)) guardrails.push(v.guardrail);
    if (v.severity === 'block' && !blocking.includes(v.guardrail)) blocking.push(v.guardrail);
  }
  const { customer_id, first_name, last_name, email } = customer;
  return {
    summary: {
      customer_id,
      first_name,
      last_name,
      email,
      guardrails,
      blocking,
      blocked: blocking.length > 0,
    },
    searchText: foldForSearch(
      [customer_id, first_name, last_name, email].filter((t) => t !== null).join(' '),
    ),
  };
}

export interface RecipientTotals {
  total: number;
  /** Recipients with at least one verdict. */
  flagged: number;
  /** Recipients with a verdict of each guardrail, every guardrail listed. */
  byGuardrail: Record<GuardrailId, number>;
}

export function recipientTotals(recipients: readonly ListedRecipient[]): RecipientTotals {
  const byGuardrail: Record<GuardrailId, number> = {
    already_owned: 0,
    owned_base_product: 0,
    meaningless_discount: 0,
    answered_elsewhere: 0,
    contact_pressure: 0,
    quiet_hours: 0,
    no_consent: 0,
    missing_data: 0,
    unavailable: 0,
    offer_not_valid: 0,
    preference_mismatch: 0,
  };
  let flagged = 0;
  for (const { summary } of recipients) {
    if (summary.guardrails.length > 0) flagged += 1;
    for (const id of summary.guardrails) byGuardrail[id] += 1;
  }
  return { total: recipients.length, flagged, byGuardrail };
}

export interface RecipientQuery {
  /** true: only recipients with a verdict; false: only those without; absent: all. */
  flagged?: boolean;
  guardrail?: GuardrailId;
  /** Every word must be found in the id, the names or the e-mail (case and accents aside). */
  q?: string;
  /** The last customer id of the previous page. */
  cursor?: string;
  limit: number;
}

export interface RecipientPage {
  /** Recipients matching the filters and the search, before paging. */
  matching: number;
  recipients: RecipientSummary[];
  /** The last id of this page when more follow; null on the last page. */
  nextCursor: string | null;
}

/** `recipients` in customer id order; the page after `cursor` of those matching `query`. */
export function recipientPage(
  recipients: readonly ListedRecipient[],
  query: RecipientQuery,
): RecipientPage {
  const words = foldForSearch(query.q ?? '')
    .split(/\s+/)
    .filter((w) => w !== '');
  const matches = ({ summary, searchText }: ListedRecipient) =>
    (query.flagged === undefined || summary.guardrails.length > 0 === query.flagged) &&
    (query.guardrail === undefined || summary.guardrails.includes(query.guardrail)) &&
    words.every((w) => searchText.includes(w));
  let matching = 0;
  const page: RecipientSummary[] = [];
  let more = false;
  for (const r of recipients) {
    if (!matches(r)) continue;
    matching += 1;
    if (query.cursor !== undefined && compareText(r.summary.customer_id, query.cursor) <= 0)
      continue;
    if (page.length < query.limit) page.push(r.summary);
    else more = true;
  }
  return {
    matching,
    recipients: page,
    nextCursor: more ? (page.at(-1)?.customer_id ?? null) : null,
  };
}
