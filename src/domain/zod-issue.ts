// A zod issue as the API sends it: zod's own code and the figures its wording needs (what zod's
// locale error maps read: expected, minimum, origin, values, keys…), so a client words it in its
// user's language with zod's locales. Never the input itself, which may be long or private: for a
// wrong type, only the name of the type received.
import type { z } from 'zod';

export type IssueScalar = string | number | boolean | null;
export type IssueParam = IssueScalar | IssueScalar[];
/** The figures an issue's wording needs, by name. */
export type IssueParams = Record<string, IssueParam>;

/** One problem with an input: where, what (a stable code and its figures), and in English for logs. */
export interface CodedIssue {
  path: (string | number)[];
  code: string;
  message: string;
  params: IssueParams;
}

const scalar = (value: unknown): IssueScalar =>
  typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean'
    ? value
    : value === null
      ? null
      : String(value);

const bound = (value: number | bigint): number => Number(value);

/** The name zod's locales give the type of a value (zod's own `parsedType`, which its namespace
 * only exposes at the cost of the whole of zod's core in the first page's bundle). */
function parsedType(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'nan' : 'number';
  if (typeof value !== 'object') return typeof value;
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const prototype: unknown = Object.getPrototypeOf(value);
  if (prototype === Object.prototype || prototype === null) return 'object';
  const name: unknown = value.constructor.name;
  return typeof name === 'string' && name !== '' ? name : 'object';
}

/** The figures of one zod issue; `received` only when the issue reports its input. */
export function zodIssueParams(issue: z.core.$ZodIssue): IssueParams {
  const params: IssueParams = {};
  const set = (key: string, value: IssueParam | undefined) => {
    if (value !== undefined) params[key] = value;
  };
  switch (issue.code) {
    case 'invalid_type':
      set('expected', issue.expected);
      if ('input' in issue) set('received', parsedType(issue.input));
      break;
    case 'too_big':
      set('origin', issue.origin);
      set('maximum', bound(issue.maximum));
      set('inclusive', issue.inclusive);
      set('exact', issue.exact);
      break;
    case 'too_small':
      set('origin', issue.origin);
      set('minimum', bound(issue.minimum));
      set('inclusive', issue.inclusive);
      set('exact', issue.exact);
      break;
    case 'invalid_format':
      set('format', issue.format);
      set('pattern', issue.pattern);
      for (const key of ['origin', 'prefix', 'suffix', 'includes'] as const) {
        if (key in issue) set(key, scalar(Object.entries(issue).find(([k]) => k === key)?.[1]));
      }
      break;
    case 'not_multiple_of':
      set('divisor', bound(issue.divisor));
      break;
    case 'unrecognized_keys':
      set('keys', [...issue.keys]);
      break;
    case 'invalid_union':
      set('discriminator', issue.discriminator);
      if ('options' in issue && issue.options) set('options', issue.options.map(scalar));
      set('inclusive', issue.inclusive);
      break;
    case 'invalid_key':
    case 'invalid_element':
      set('origin', issue.origin);
      break;
    case 'invalid_value':
      set('values', issue.values.map(scalar));
      break;
    case 'custom':
      break;
  }
  return params;
}

/** A zod issue with its path, code, English message and figures. */
export function codedZodIssue(issue: z.core.$ZodIssue): CodedIssue {
  return {
    path: issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p)),
    code: issue.code,
    message: issue.message,
    params: zodIssueParams(issue),
  };
}

/**
 * Parses `input`, or answers its issues coded. The input is reported to the issues only so that a
 * wrong type can name the type received; it never leaves this function.
 */
export function safeParseCoded<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; data: z.infer<S> } | { ok: false; issues: CodedIssue[] } {
  const parsed = schema.safeParse(input, { reportInput: true });
  if (parsed.success) return { ok: true, data: parsed.data };
  return { ok: false, issues: parsed.error.issues.map(codedZodIssue) };
}
