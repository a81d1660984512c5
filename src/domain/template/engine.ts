// liquidjs set up for templates and data we do not trust: filters and tags outside Liquid's own
// and ours are refused, only own properties are read (no `__proto__`, `constructor`, `valueOf`),
// parse, time and memory are limited, no file can be read (include, render and layout are gone),
// and on HTML parts every output is escaped — `raw` cannot turn that off. Our filters: `money`,
// `date` in French and Paris time, a `default` that also replaces junk salutations, a `capitalize`
// that normal-cases names. Each token's place, field and filters are known (sites.ts), so a
// fallback or an empty token is reported where it is written.
import {
  Liquid,
  Tokenizer,
  TypeGuards,
  toValue,
  type FilterImplOptions,
  type FS,
  type LiquidOptions,
} from 'liquidjs';
import type { DomainLanguage } from '../language.ts';
import type { SalutationHints } from './context.ts';
import { salutationFields } from './fields.ts';
import { formatDate, formatMoney } from './format.ts';
import type { TemplateFallback, TemplatePart, TemplateWarning } from './result.ts';
import { nameCase, rendersEmpty, salutationJunk, type JunkReason } from './salutation.ts';
import type { TokenSite } from './sites.ts';

/** The whole render (every part together) may take this long. */
export const RENDER_BUDGET_MS = 500;
/** What a filter is called with (`this.context`, `this.token`): liquidjs does not export it by name. */
type FilterImpl = ThisParameterType<Extract<FilterImplOptions, (...args: never[]) => unknown>>;

/** The longest part liquidjs will parse (characters). */
export const PARSE_LIMIT = 200_000;
/** What one part's filters and ranges may allocate, in liquidjs's units (characters, items). */
export const MEMORY_LIMIT = 500_000;
/** Blocks (if, for, case…) nested deeper than this are refused before parsing. */
export const MAX_NESTING = 40;
/** Fallbacks listed in a result; more are counted in a warning. */
export const MAX_LISTED_FALLBACKS = 200;

/** Fields whose `capitalize` is a name's: each part of a compound name gets its capital. */
const NAME_FIELDS: ReadonlySet<string> = new Set([...salutationFields, 'customer.city']);
/** Filters after which a value is already safe HTML: the escaping is not done twice. */
const HTML_SAFE_LAST_FILTERS = new Set(['escape', 'escape_once', 'xml_escape', 'newline_to_br']);
/** Filters that choose a case: capitals are then the template's wish, not junk. */
const CASE_FILTERS = new Set(['capitalize', 'upcase', 'downcase']);
/** Tags that read files: gone. */
export const FILE_TAGS = ['include', 'render', 'layout'] as const;
/** Tags that open a block closed by `end<name>`. */
const BLOCK_TAGS = new Set([
  'if',
  'unless',
  'for',
  'case',
  'capture',
  'tablerow',
  'comment',
  'raw',
  'block',
]);

/** What one render collects, shared by its parts. */
export interface RenderSession {
  language: DomainLanguage;
  /** The instant `date` reads « now » as (epoch ms). */
  now: number;
  /** SMS: money and dates without no-break spaces, which GSM-7 lacks. */
  plainSpaces: boolean;
  hints: SalutationHints;
  fallbacks: TemplateFallback[];
  /** Fallbacks fired, listed or not. */
  fallbackCount: number;
  warnings: TemplateWarning[];
}

/** The part being rendered and where its tokens are. */
export interface PartScope {
  part: TemplatePart;
  html: boolean;
  sites: WeakMap<object, TokenSite>;
}

/** No file system: a template reads nothing but its own text. */
const noFiles: FS = {
  exists: async () => false,
  existsSync: () => false,
  readFile: async (file) => Promise.reject(new Error(`Templates read no file (${file}).`)),
  readFileSync: (file) => {
    throw new Error(`Templates read no file (${file}).`);
  },
  resolve: (_dir, file) => file,
  contains: async () => false,
  containsSync: () => false,
};

/** The options every template is parsed and rendered with (renderLimit is set per render). */
const liquidOptions: LiquidOptions = {
  strictFilters: true,
  strictVariables: false,
  ownPropertyOnly: true,
  jsTruthy: false,
  lenientIf: false,
  dynamicPartials: false,
  relativeReference: false,
  root: [],
  partials: [],
  layouts: [],
  fs: noFiles,
  cache: false,
  globals: {},
  parseLimit: PARSE_LIMIT,
  renderLimit: RENDER_BUDGET_MS,
  memoryLimit: MEMORY_LIMIT,
};

const ESCAPES: Readonly<Record<string, string>> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&#34;',
  "'": '&#39;',
};

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

/** A value as Liquid writes it; a group of fields writes nothing (never « [object Object] »). */
export function liquidText(value: unknown): string {
  const v: unknown = toValue(value);
  if (typeof v === 'string') return v;
  if (v === null || v === undefined) return '';
  if (Array.isArray(v)) return v.map(liquidText).join('');
  if (typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') return String(v);
  return '';
}

/** Adds a warning unless the same code was already given at the same place. */
export function warn(session: RenderSession, warning: TemplateWarning): void {
  const same = session.warnings.some(
    (w) =>
      w.code === warning.code &&
      w.part === warning.part &&
      w.line === warning.line &&
      w.column === warning.column,
  );
  if (!same) session.warnings.push(warning);
}

function warnAt(
  session: RenderSession,
  scope: PartScope,
  site: TokenSite | undefined,
  code: TemplateWarning['code'],
  params: TemplateWarning['params'],
): void {
  warn(session, {
    code,
    part: scope.part,
    line: site?.line ?? null,
    column: site?.column ?? null,
    params,
  });
}

/** `allow_false: true` among a filter's arguments (Liquid passes it as a [key, value] pair). */
function allowsFalse(args: readonly unknown[]): boolean {
  return args.some((a) => Array.isArray(a) && a[0] === 'allow_false' && a[1] === true);
}

/** Why `value` falls back at this token, or null: junk for a salutation field, else empty. */
function fallbackReason(
  value: unknown,
  site: TokenSite | undefined,
  hints: SalutationHints,
): JunkReason | null {
  if (site?.field && salutationFields.has(site.field)) {
    return salutationJunk(value, {
      emailLocalParts: hints.email_local_parts,
      capitalised: site.chain.some((f) => CASE_FILTERS.has(f)),
    });
  }
  if (!rendersEmpty(value)) return null;
  return value === null || value === undefined ? 'missing' : 'empty';
}

function recordFallback(
  session: RenderSession,
  scope: PartScope,
  site: TokenSite | undefined,
  value: unknown,
  reason: JunkReason,
  replacement: string,
): void {
  session.fallbackCount += 1;
  const raw = value === null || value === undefined ? null : liquidText(value);
  const entry: TemplateFallback = {
    part: scope.part,
    line: site?.line ?? 1,
    column: site?.column ?? 1,
    token: site?.source ?? '',
    field: site?.field ?? null,
    raw,
    reason,
    replacement,
  };
  const listed = session.fallbacks.some(
    (f) =>
      f.part === entry.part &&
      f.line === entry.line &&
      f.column === entry.column &&
      f.raw === entry.raw,
  );
  if (listed) return;
  if (session.fallbacks.length < MAX_LISTED_FALLBACKS) session.fallbacks.push(entry);
  else
    warn(session, {
      code: 'too_many_fallbacks',
      part: null,
      line: null,
      column: null,
      params: { listed: MAX_LISTED_FALLBACKS },
    });
}

const plain = (text: string, session: RenderSession) =>
  session.plainSpaces ? text.replace(/[\u00a0\u202f]/g, ' ') : text;

/**
 * A Liquid engine for one part's source, reused by every render of it. Its filters serve the render
 * under way (`run.session`): renders are synchronous (liquidjs's `renderSync`), one at a time.
 */
export function partEngine(scope: PartScope, run: { session: RenderSession | null }): Liquid {
  const site = (token: object) => scope.sites.get(token);
  const sessionNow = (): RenderSession => {
    if (run.session === null) throw new Error('A template part rendered outside a render.');
    return run.session;
  };

  function observe(this: FilterImpl, value: unknown): string {
    const session = sessionNow();
    const text = liquidText(value);
    const at = site(this.token);
    if (at && !at.chain.includes('default')) {
      if (at.field && salutationFields.has(at.field)) {
        const reason = fallbackReason(value, at, session.hints);
        if (reason !== null) {
          warnAt(session, scope, at, 'junk_without_default', {
            field: at.field,
            reason,
            raw: text,
          });
        }
      } else if (text.trim() === '') {
        warnAt(session, scope, at, 'empty_token', { token: at.source });
      }
    }
    if (!scope.html) return text;
    const last = at?.chain[at.chain.length - 1];
    if (last !== undefined && HTML_SAFE_LAST_FILTERS.has(last)) return text;
    this.context.memoryLimit.use(text.length);
    return escapeHtml(text);
  }

  const liquid = new Liquid({ ...liquidOptions, outputEscape: observe });
  for (const tag of FILE_TAGS) Reflect.deleteProperty(liquid.tags, tag);

  liquid.registerFilter('default', function (this: FilterImpl, value: unknown, ...args: unknown[]) {
    const session = sessionNow();
    const v: unknown = toValue(value);
    if (v === false && allowsFalse(args.slice(1))) return v;
    const at = site(this.token);
    const reason = fallbackReason(v, at, session.hints);
    if (reason === null) return value;
    const replacement = args[0] ?? '';
    recordFallback(session, scope, at, v, reason, liquidText(replacement));
    return replacement;
  });

  liquid.registerFilter('capitalize', function (this: FilterImpl, value: unknown) {
    const text = liquidText(value);
    this.context.memoryLimit.use(text.length);
    const field = site(this.token)?.field;
    if (field && NAME_FIELDS.has(field)) return nameCase(text);
    return text.charAt(0).toUpperCase() + text.slice(1).toLowerCase();
  });

  liquid.registerFilter('money', function (this: FilterImpl, value: unknown) {
    const session = sessionNow();
    const text = formatMoney(toValue(value), session.language);
    if (text === null) {
      if (!rendersEmpty(toValue(value))) {
        warnAt(session, scope, site(this.token), 'not_an_amount', {
          value: liquidText(value).slice(0, 100),
        });
      }
      return '';
    }
    return plain(text, session);
  });

  liquid.registerFilter('date', function (this: FilterImpl, value: unknown, format?: unknown) {
    const session = sessionNow();
    const wanted = format === undefined || format === null ? undefined : liquidText(format);
    this.context.memoryLimit.use(wanted?.length ?? 0);
    const text = formatDate(toValue(value), wanted, session.language, session.now);
    if (text === null) {
      if (!rendersEmpty(toValue(value))) {
        warnAt(session, scope, site(this.token), 'not_a_date', {
          value: liquidText(value).slice(0, 100),
          format: wanted ?? '',
        });
      }
      return '';
    }
    return plain(text, session);
  });

  // `raw` keeps its name (templates written for other tools use it) but not its power.
  liquid.registerFilter('raw', function (this: FilterImpl, value: unknown) {
    if (scope.html) warnAt(sessionNow(), scope, site(this.token), 'raw_ignored', {});
    return value;
  });

  if (scope.html) {
    // Its line breaks become <br /> around text escaped first: safe HTML, not escaped again.
    liquid.registerFilter('newline_to_br', function (this: FilterImpl, value: unknown) {
      const text = liquidText(value);
      this.context.memoryLimit.use(text.length);
      return escapeHtml(text).replace(/\r?\n/g, '<br />\n');
    });
  }
  return liquid;
}

/** A tag token's name, when the value is one. */
export function tagName(token: unknown): string | null {
  return TypeGuards.isTagToken(token) ? token.name : null;
}

/**
 * The first block opened deeper than `max` (its line and column), or null: liquidjs parses blocks
 * recursively, and a few thousand nested ifs would exhaust the stack before any limit applies.
 */
export function tooDeep(source: string, max: number): { line: number; column: number } | null {
  const tokens = new Tokenizer(source).readTopLevelTokens();
  let depth = 0;
  // The text of raw and comment blocks is not Liquid: its tags open nothing.
  let skipUntil: string | null = null;
  for (const token of tokens) {
    if (!TypeGuards.isTagToken(token)) continue;
    if (skipUntil !== null) {
      if (token.name === skipUntil) skipUntil = null;
      continue;
    }
    if (token.name === 'raw' || token.name === 'comment') {
      skipUntil = `end${token.name}`;
      continue;
    }
    const names =
      token.name === 'liquid'
        ? token.args.split(/\r?\n/).map((line) => line.trim().split(/\s+/)[0] ?? '')
        : [token.name];
    for (const name of names) {
      if (name.startsWith('end')) depth = Math.max(0, depth - 1);
      else if (BLOCK_TAGS.has(name)) {
        depth += 1;
        if (depth > max) {
          const [line = 1, column = 1] = token.getPosition();
          return { line, column };
        }
      }
    }
  }
  return null;
}
