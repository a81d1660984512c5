// missing_data: what the rendered message shows of the recipient's data. A token whose `default`
// stood in for a missing or junk value is a warning (the message reads well, but not as written);
// a token that rendered nothing without a `default`, or a junk salutation without one (« Bonjour
// XXX »), goes out as it is and blocks. Read from the render's fallbacks and warnings (template/
// engine.ts); no render, or a template that failed, says nothing here (the preview shows the error).
import { junkReasons, type JunkReason } from '../template/codes.ts';
import { templateField } from '../template/fields.ts';
import type { TemplateWarning } from '../template/result.ts';
import type { Customer } from '../profile/schema.ts';
import { customerFieldEvidence, type CustomerField } from './contact-history.ts';
import type { Guardrail, GuardrailInput } from './input.ts';
import type { Evidence, VerdictOf } from './verdict.ts';

type MissingData = VerdictOf<'missing_data'>;
type Params = MissingData['params'];

/** The template fields that read a field of the customer record, which the evidence shows. */
const CUSTOMER_FIELDS: ReadonlyMap<string, CustomerField> = new Map([
  ['customer.first_name', 'first_name'],
  ['customer.last_name', 'last_name'],
  ['customer.city', 'city'],
]);

function evidenceOf(customer: Customer, field: string | null): Evidence[] {
  const own = CUSTOMER_FIELDS.get(field ?? '');
  return own === undefined ? [] : [customerFieldEvidence(customer, own)];
}

const text = (value: string | number | undefined): string | null =>
  typeof value === 'string' ? value : null;

const junkReason = (value: string | number | undefined): JunkReason | null =>
  junkReasons.find((r) => r === value) ?? null;

/**
 * The token written at a line and column (1-based) of a template part: `{{ … }}` or `{% … %}` up
 * to its closing braces; null when there is none there.
 */
export function tokenAt(source: string, line: number, column: number): string | null {
  const before = source.split('\n').slice(0, line - 1);
  const start = before.reduce((n, l) => n + l.length + 1, 0) + column - 1;
  const open = source.slice(start, start + 2);
  const close = open === '{{' ? '}}' : open === '{%' ? '%}' : null;
  if (close === null) return null;
  const end = source.indexOf(close, start + 2);
  return end === -1 ? null : source.slice(start, end + 2);
}

/** The field an output token reads when it is a plain path (`{{ customer.city | upcase }}`). */
export function fieldOfToken(token: string): string | null {
  const path = /^\{\{-?\s*([A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*)\s*(?:\||-?\}\})/.exec(
    token,
  )?.[1];
  if (path === undefined) return null;
  const field = path.replace(/\[\d+\]/g, '[]');
  return templateField(field) === undefined ? null : field;
}

/** The token a warning points at, as written in the campaign's template; null when unknown. */
function writtenToken(input: GuardrailInput, warning: TemplateWarning): string | null {
  const parts: Readonly<Record<string, string>> = input.campaign.body.template;
  const source = warning.part === null ? undefined : parts[warning.part];
  if (source === undefined || warning.line === null || warning.column === null) return null;
  return tokenAt(source, warning.line, warning.column);
}

function warningVerdict(input: GuardrailInput, warning: TemplateWarning): MissingData | null {
  const { params } = warning;
  let values: Params;
  if (warning.code === 'empty_token') {
    const token = text(params.token) ?? '';
    const field = fieldOfToken(token);
    values = { rule: 'empty', field, token, raw: null, reason: null, replacement: null };
  } else if (warning.code === 'junk_without_default') {
    const field = text(params.field);
    const written = writtenToken(input, warning);
    values = {
      rule: 'junk',
      field,
      token: written ?? field ?? '',
      raw: text(params.raw),
      reason: junkReason(params.reason),
      replacement: null,
    };
  } else {
    return null;
  }
  return {
    guardrail: 'missing_data',
    severity: 'block',
    params: values,
    evidence: evidenceOf(input.history.customer, values.field),
  };
}

export const missingData: Guardrail = (input: GuardrailInput) => {
  const { render } = input;
  if (render === null || !render.ok) return [];
  const customer = input.history.customer;
  const fallbacks: MissingData[] = render.fallbacks.map((f) => ({
    guardrail: 'missing_data',
    severity: 'warn',
    params: {
      rule: 'fallback',
      field: f.field,
      token: f.token,
      raw: f.raw,
      reason: f.reason,
      replacement: f.replacement,
    },
    evidence: evidenceOf(customer, f.field),
  }));
  const blocking = render.warnings.flatMap((w) => warningVerdict(input, w) ?? []);
  return [...blocking, ...fallbacks];
};
