// One validation issue in the user's language, from its code and figures: a segment rule's code
// (src/domain/segment/validate.ts) through the `errors` catalogue, a zod code through zod's own
// locale, the API's own issue codes (a body that is not JSON…) through the catalogue. Issues are
// read by shape: the API's, the builder's, a parsed link's. An unknown code reads as an invalid
// value, never as an English message.
import type { z } from 'zod';
import type { ErrorWords } from './error-words.ts';
import { humanize } from './format.ts';
import { localeOf, type Language } from './i18n/languages.ts';
import { zodLocale } from './i18n/zod-locales.ts';

export { errorWords, useErrorWords, type ErrorWords } from './error-words.ts';

/** An issue as anyone gives it: a code, its figures, where. */
export interface IssueLike {
  code?: string | null | undefined;
  params?: Readonly<Record<string, unknown>> | undefined;
  path?: readonly (string | number)[] | undefined;
}

/**
 * How the names in an issue read: a field by its id (its catalogue label as the fallback), an
 * operator, an event type, a saved segment. The builder passes its own words; without them the
 * catalogue's labels and the ids are shown as they are.
 */
export interface IssueNames {
  field: (id: string, label: string) => string;
  operator: (operator: string, type: string) => string;
  event: (type: string, label: string) => string;
  segment: (id: string) => string;
}

export const plainNames: IssueNames = {
  field: (id, label) => label || id,
  operator: (operator) => humanize(operator),
  event: (type, label) => label || type,
  segment: (id) => id,
};

type Params = Readonly<Record<string, unknown>>;

const text = (p: Params, key: string): string => {
  const value = p[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
};
const num = (p: Params, key: string): number => {
  const value = p[key];
  return typeof value === 'number' ? value : 0;
};
const flag = (p: Params, key: string): boolean | undefined => {
  const value = p[key];
  return typeof value === 'boolean' ? value : undefined;
};
const list = (p: Params, key: string): string[] => {
  const value = p[key];
  return Array.isArray(value) ? value.map(String) : [];
};
/** The scalars of a list figure, as zod's locales read them. */
const primitives = (p: Params, key: string): (string | number | boolean | null)[] => {
  const value = p[key];
  if (!Array.isArray(value)) return [];
  return value.map((v: unknown) =>
    typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || v === null
      ? v
      : String(v),
  );
};

/** "a, b or c" in the language. */
function orList(words: readonly string[], language: Language): string {
  return new Intl.ListFormat(localeOf(language), { type: 'disjunction' }).format(words);
}

type Wording = (p: Params, words: ErrorWords, names: IssueNames) => string;

const field = (p: Params, names: IssueNames) => names.field(text(p, 'field'), text(p, 'label'));

/** The segment rules' codes (src/domain/segment/validate.ts). */
const ruleWords = new Map<string, Wording>([
  ['duplicate_id', (p, { t }) => t('issue.duplicate_id', { id: text(p, 'id') })],
  ['too_deep', (p, { t }) => t('issue.too_deep', { max: num(p, 'max') })],
  ['empty_group', (_, { t }) => t('issue.empty_group')],
  [
    'too_many_nodes',
    (p, { t }) => t('issue.too_many_nodes', { max: num(p, 'max'), count: num(p, 'count') }),
  ],
  [
    'unknown_field',
    // A label means the field exists, as another kind of condition.
    (p, { t }, names) =>
      text(p, 'label') === ''
        ? t('issue.unknown_field', { field: text(p, 'field') })
        : t('issue.not_an_attribute', { field: field(p, names) }),
  ],
  ['unknown_score', (p, { t }) => t('issue.unknown_score', { score: text(p, 'score') })],
  [
    'unknown_event_type',
    (p, { t }) => t('issue.unknown_event_type', { event: text(p, 'event_type') }),
  ],
  [
    'unknown_filter',
    (p, { t }, names) =>
      t('issue.unknown_filter', {
        on: text(p, 'on'),
        event: names.event(text(p, 'event_type'), text(p, 'event_label')),
        field: text(p, 'field'),
      }),
  ],
  [
    'unknown_segment',
    (p, { t }, names) =>
      t('issue.unknown_segment', { segment: names.segment(text(p, 'segment_id')) }),
  ],
  [
    'too_large_expanded',
    (p, { t }, names) =>
      t('issue.too_large_expanded', {
        max: num(p, 'max'),
        count: num(p, 'count'),
        chain: list(p, 'chain').map(names.segment).join(' → '),
      }),
  ],
  [
    'segment_cycle',
    (p, { t }, names) =>
      t('issue.segment_cycle', {
        loop: text(p, 'loop'),
        segment: names.segment(text(p, 'segment_id')),
        chain: list(p, 'chain').map(names.segment).join(' → '),
      }),
  ],
  [
    'operator_not_allowed',
    (p, { t, language }, names) =>
      t('issue.operator_not_allowed', {
        field: field(p, names),
        type: text(p, 'type'),
        operators: orList(
          list(p, 'operators').map((op) => names.operator(op, text(p, 'type'))),
          language,
        ),
      }),
  ],
  [
    'wrong_value_type',
    (p, { t }, names) =>
      t('issue.wrong_value_type', { field: field(p, names), expected: text(p, 'expected') }),
  ],
  [
    'unknown_value',
    (p, { t }, names) =>
      t('issue.unknown_value', { field: field(p, names), value: text(p, 'value') }),
  ],
  [
    'empty_value',
    (p, { t }, names) => t('issue.empty_value', { of: text(p, 'of'), field: field(p, names) }),
  ],
  [
    'invalid_date',
    (p, { t }, names) => t('issue.invalid_date', { of: text(p, 'of'), field: field(p, names) }),
  ],
  [
    'invalid_days',
    (p, { t }) => t('issue.invalid_days', { min: num(p, 'min'), max: num(p, 'max') }),
  ],
  ['min_above_max', (p, { t }) => t('issue.min_above_max', { of: text(p, 'of') })],
  [
    'too_many_values',
    (p, { t }) => t('issue.too_many_values', { max: num(p, 'max'), count: num(p, 'count') }),
  ],
  // The API's issues on what is not a value of a schema: headers, a body that is not JSON.
  ['body_not_json', (_, { t }) => t('issue.body_not_json')],
  ['invalid_cursor', (_, { t }) => t('issue.invalid_cursor')],
  ['if_match_malformed', (_, { t }) => t('issue.if_match_malformed')],
  [
    'idempotency_key_invalid',
    (p, { t }) => t('issue.idempotency_key_invalid', { max: num(p, 'max') }),
  ],
  ['invalid_breakdown', (_, { t }) => t('issue.invalid_breakdown')],
]);

/** The codes a rule's wording exists for (the completeness test iterates them). */
export const wordedRuleCodes: readonly string[] = [...ruleWords.keys()];

/** A value of the type zod names as received, for its locale to name again. */
function sampleOf(received: string): unknown {
  switch (received) {
    case 'string':
      return '';
    case 'number':
      return 0;
    case 'nan':
      return Number.NaN;
    case 'boolean':
      return false;
    case 'null':
      return null;
    case 'array':
      return [];
    case 'object':
      return {};
    default:
      return undefined;
  }
}

/** The issue zod's locale takes, rebuilt from a code and its figures; null for a code zod lacks. */
function zodIssue(code: string, p: Params): z.core.$ZodRawIssue | null {
  const input = undefined;
  switch (code) {
    case 'invalid_type':
      return { code, expected: text(p, 'expected'), input: sampleOf(text(p, 'received')) };
    case 'too_big':
      return {
        code,
        origin: text(p, 'origin'),
        maximum: num(p, 'maximum'),
        inclusive: flag(p, 'inclusive'),
        exact: flag(p, 'exact'),
        input,
      };
    case 'too_small':
      return {
        code,
        origin: text(p, 'origin'),
        minimum: num(p, 'minimum'),
        inclusive: flag(p, 'inclusive'),
        exact: flag(p, 'exact'),
        input,
      };
    case 'invalid_format':
      return {
        code,
        format: text(p, 'format'),
        pattern: text(p, 'pattern'),
        prefix: text(p, 'prefix'),
        suffix: text(p, 'suffix'),
        includes: text(p, 'includes'),
        input,
      };
    case 'not_multiple_of':
      return { code, divisor: num(p, 'divisor'), input };
    case 'unrecognized_keys':
      return { code, keys: list(p, 'keys'), input };
    case 'invalid_union':
      return {
        code,
        errors: [],
        discriminator: text(p, 'discriminator'),
        options: primitives(p, 'options'),
        input,
      };
    case 'invalid_key':
      return { code, origin: text(p, 'origin') === 'map' ? 'map' : 'record', issues: [], input };
    case 'invalid_element':
      return {
        code,
        origin: text(p, 'origin') === 'map' ? 'map' : 'set',
        key: undefined,
        issues: [],
        input,
      };
    case 'invalid_value':
      return { code, values: primitives(p, 'values'), input };
    case 'custom':
      return { code, input };
    default:
      return null;
  }
}

function zodWords(code: string, p: Params, language: Language): string | null {
  const locale = zodLocale(language);
  const issue = zodIssue(code, p);
  if (locale === undefined || issue === null) return null;
  const said = locale(issue);
  const message = typeof said === 'string' ? said : said?.message;
  return message === undefined || message === '' ? null : message;
}

/** One issue in the user's language. */
export function wordIssue(
  issue: IssueLike,
  words: ErrorWords,
  names: IssueNames = plainNames,
): string {
  const code = issue.code ?? '';
  const params = issue.params ?? {};
  const rule = ruleWords.get(code);
  if (rule) return rule(params, words, names);
  return zodWords(code, params, words.language) ?? words.t('issue.unknown');
}

/** The prefixes of an API issue's path that say where in the request, not what. */
const REQUEST_PARTS = new Set<unknown>(['body', 'query', 'params', 'headers']);

/** An API issue with where it is: "name — Too big: …". */
export function wordIssueAt(issue: IssueLike, words: ErrorWords): string {
  const path = [...(issue.path ?? [])];
  if (REQUEST_PARTS.has(path[0])) path.shift();
  const said = wordIssue(issue, words);
  return path.length === 0 ? said : words.t('issueAt', { path: path.join('.'), issue: said });
}
