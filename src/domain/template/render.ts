// A message rendered for one recipient: each part of the channel's template through the safe
// engine (engine.ts) with the recipient's personalisation context, then what the channel needs
// checked — the e-mail's HTML sanitised and its links checked, the web banner's link checked, the
// SMS counted and its STOP mention looked for — with every fallback, removed link and warning
// listed, or the first error with its part, line and column. Imports liquidjs and sanitize-html:
// load it lazily (the app's first page carries neither).
import {
  AssertionError,
  LiquidError,
  ParseError,
  RenderError,
  TokenizationError,
  type Variable,
  type Liquid,
  type Template,
} from 'liquidjs';
import type { DomainLanguage } from '../language.ts';
import type { Personalisation } from './context.ts';
import {
  FILE_TAGS,
  MAX_NESTING,
  RENDER_BUDGET_MS,
  PARSE_LIMIT,
  partEngine,
  tagName,
  tooDeep,
  warn,
  type PartScope,
  type RenderSession,
} from './engine.ts';
import { templateField } from './fields.ts';
import { browserView, decodeReferences, linkVerdict } from './links.ts';
import {
  ONE_LINE_PARTS,
  PARTS_OF,
  type MessageTemplate,
  type RemovedLink,
  type RenderedMessage,
  type TemplateError,
  type TemplatePart,
  type TemplateRenderResult,
} from './result.ts';
import { sanitiseEmailHtml } from './sanitise.ts';
import { tokenSites } from './sites.ts';
import { hasStopMention, smsCount } from './sms.ts';

export interface RenderRequest {
  template: MessageTemplate;
  personalisation: Personalisation;
  /** The message's language for money and dates (default French). */
  language?: DomainLanguage;
  /** The instant « now » and « today » stand for in `date` (epoch ms). */
  now: number;
  /** Time for the whole render (default RENDER_BUDGET_MS). */
  budgetMs?: number;
}

/** Longest text a part may render to: no message needs more. */
export const MAX_OUTPUT: Readonly<Record<TemplatePart, number>> = {
  subject: 1_000,
  preheader: 1_000,
  html: 1_000_000,
  text: 5_000,
  title: 1_000,
  body: 5_000,
  headline: 1_000,
  link: 4_000,
};

/** What inboxes, lock screens and banners typically show before cutting. */
export const SHOWN_LENGTH: Partial<Readonly<Record<TemplatePart, number>>> = {
  subject: 80,
  preheader: 140,
  title: 50,
  body: 180,
  headline: 60,
};

class TemplateFailure extends Error {
  readonly failure: TemplateError;
  constructor(failure: TemplateError) {
    super(failure.message);
    this.failure = failure;
  }
}

function failure(
  code: TemplateError['code'],
  message: string,
  part: TemplatePart,
  at: { line: number; column: number } | null,
  params: TemplateError['params'] = {},
): TemplateFailure {
  return new TemplateFailure({
    code,
    message,
    part,
    line: at?.line ?? null,
    column: at?.column ?? null,
    params,
  });
}

/** The 1-based line and column of `offset` in `text`. */
function positionAt(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const lines = before.split('\n');
  return { line: lines.length, column: (lines[lines.length - 1]?.length ?? 0) + 1 };
}

/** liquidjs's message without the position it appends (we give line and column apart). */
function plainMessage(error: Error): string {
  return (error.message.split('\n')[0] ?? '').replace(/, line:\d+, col:\d+$/, '');
}

/** A thrown error as the editor shows it: a code, its place, its figures. */
function templateFailure(error: unknown, part: TemplatePart, budgetMs: number): TemplateFailure {
  if (error instanceof TemplateFailure) return error;
  if (error instanceof AssertionError && /parse length/.test(error.message)) {
    return failure('too_long', 'The template is too long.', part, null, { max: PARSE_LIMIT });
  }
  if (!(error instanceof LiquidError)) {
    const message = error instanceof Error ? error.message : String(error);
    return failure('render_failed', message, part, null);
  }
  const [line = 1, column = 1] = error.token.getPosition();
  const at = { line, column };
  const cause = error.originalError;
  const causeMessage = cause ? cause.message : plainMessage(error);
  if (cause instanceof RangeError) {
    return /call stack/i.test(cause.message)
      ? failure('too_deep', 'The template nests too deep.', part, at, { max: MAX_NESTING })
      : failure('memory', 'The template builds more text than allowed.', part, at);
  }
  if (error instanceof RenderError) {
    if (/render limit/.test(causeMessage)) {
      return failure('render_time', `Rendering took longer than ${budgetMs} ms.`, part, at, {
        max_ms: budgetMs,
      });
    }
    if (/memory alloc limit/.test(causeMessage)) {
      return failure('memory', 'The template builds more than the memory limit allows.', part, at);
    }
    return failure('render_failed', causeMessage, part, at);
  }
  if (error instanceof ParseError) {
    const name = tagName(error.token);
    if (/^tag .* not found/.test(causeMessage) && name !== null) {
      return FILE_TAGS.some((t) => t === name)
        ? failure('file_tag', `{% ${name} %} is not available: templates read no file.`, part, at, {
            tag: name,
          })
        : failure('unknown_tag', `Unknown tag {% ${name} %}.`, part, at, { tag: name });
    }
    const filter = /^undefined filter: (.+)$/.exec(causeMessage)?.[1];
    if (filter !== undefined) {
      const token = error.token;
      const written = new RegExp(`\\|\\s*${filter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`).exec(
        token.getText(),
      );
      const place = written
        ? positionAt(token.input, token.begin + written.index + written[0].length - filter.length)
        : at;
      return failure('unknown_filter', `Unknown filter "${filter}".`, part, place, { filter });
    }
    return failure('syntax', causeMessage, part, at);
  }
  if (error instanceof TokenizationError) return failure('syntax', plainMessage(error), part, at);
  return failure('render_failed', causeMessage, part, at);
}

/** Variables read that the personalisation context does not have, with where they are read. */
function unknownFields(
  engine: Liquid,
  templates: Template[],
): { field: string; line: number; column: number }[] {
  const found: { field: string; line: number; column: number }[] = [];
  const { globals } = engine.analyzeSync(templates, { partials: false });
  for (const variables of Object.values(globals)) {
    for (const variable of variables) {
      const unknown = unknownPath(variable.segments);
      if (unknown !== null) {
        found.push({ field: unknown, line: variable.location.row, column: variable.location.col });
      }
    }
  }
  return found;
}

/** The first path a variable reads that is not a field (`customer.email`), or null. */
export function unknownPath(segments: readonly (string | number | Variable)[]): string | null {
  let path = '';
  let written = '';
  for (const segment of segments) {
    const here = path === '' ? undefined : templateField(path);
    if (
      typeof segment !== 'string' ||
      ((segment === 'first' || segment === 'last') && here?.type === 'list')
    ) {
      written += typeof segment === 'string' ? `.${segment}` : '[]';
      if (here?.type !== 'list') return written;
      path += '[]';
      continue;
    }
    written += written === '' ? segment : `.${segment}`;
    if (segment === 'size' && path !== '') return null;
    const next = path === '' ? segment : `${path}.${segment}`;
    if (templateField(next) === undefined) return written;
    path = next;
  }
  return null;
}

interface PartOutput {
  text: string;
}

/** One part's source parsed once, for every recipient it is rendered for. */
interface CompiledPart {
  engine: Liquid;
  templates: Template[];
  /** Variables read that are not fields, warned at every render. */
  unknown: readonly { field: string; line: number; column: number }[];
  /** The render under way: its filters write their fallbacks and warnings there. */
  run: { session: RenderSession | null };
}

/** Parsed parts kept (a campaign's parts on every channel, an editor's latest sources). */
const COMPILED_KEPT = 64;
const compiledParts = new Map<string, CompiledPart | TemplateError>();

/** The part parsed for this source, or the error its parse gives: kept, and the same each time. */
function compiledPart(part: TemplatePart, source: string, html: boolean): CompiledPart {
  const key = `${part}\u0000${html ? 'html' : 'text'}\u0000${source}`;
  let compiled = compiledParts.get(key);
  if (compiled === undefined) {
    compiled = compile(part, source, html);
    if (compiledParts.size >= COMPILED_KEPT) {
      const oldest = compiledParts.keys().next();
      if (oldest.done !== true) compiledParts.delete(oldest.value);
    }
  } else {
    // The latest used last: the oldest is dropped first.
    compiledParts.delete(key);
  }
  compiledParts.set(key, compiled);
  if ('code' in compiled) throw new TemplateFailure(compiled);
  return compiled;
}

function compile(part: TemplatePart, source: string, html: boolean): CompiledPart | TemplateError {
  try {
    if (source.length > PARSE_LIMIT) {
      throw failure('too_long', 'The template is too long.', part, null, { max: PARSE_LIMIT });
    }
    const deep = tooDeep(source, MAX_NESTING);
    if (deep !== null) {
      throw failure('too_deep', `Blocks nest deeper than ${MAX_NESTING}.`, part, deep, {
        max: MAX_NESTING,
      });
    }
    const scope: PartScope = { part, html, sites: new WeakMap() };
    const run: CompiledPart['run'] = { session: null };
    const engine = partEngine(scope, run);
    const templates = engine.parse(source);
    scope.sites = tokenSites(templates);
    return { engine, templates, unknown: unknownFields(engine, templates), run };
  } catch (error: unknown) {
    return templateFailure(error, part, RENDER_BUDGET_MS).failure;
  }
}

function renderPart(
  session: RenderSession,
  part: TemplatePart,
  source: string,
  html: boolean,
  context: object,
  deadline: number,
  budgetMs: number,
): PartOutput {
  try {
    const compiled = compiledPart(part, source, html);
    for (const unknown of compiled.unknown) {
      warn(session, {
        code: 'unknown_field',
        part,
        line: unknown.line,
        column: unknown.column,
        params: { field: unknown.field },
      });
    }
    compiled.run.session = session;
    let rendered: unknown;
    try {
      rendered = compiled.engine.renderSync(compiled.templates, context, {
        renderLimit: Math.max(1, deadline - Date.now()),
      });
    } finally {
      compiled.run.session = null;
    }
    let text = typeof rendered === 'string' ? rendered : '';
    if (text.length > MAX_OUTPUT[part]) {
      throw failure(
        'output_too_large',
        `The ${part} renders longer than ${MAX_OUTPUT[part]} characters.`,
        part,
        null,
        {
          max: MAX_OUTPUT[part],
        },
      );
    }
    if (ONE_LINE_PARTS.has(part)) {
      if (/[\r\n\u2028\u2029]/.test(text)) {
        warn(session, { code: 'line_breaks_removed', part, line: null, column: null, params: {} });
      }
      // Line breaks and tabs become spaces; no-break spaces (« 99,99 € ») stay.
      text = text.replace(/[ \t]*[\r\n\u2028\u2029\t\v\f][\r\n\u2028\u2029\t\v\f ]*/g, ' ').trim();
    }
    return { text };
  } catch (error: unknown) {
    throw templateFailure(error, part, budgetMs);
  }
}

function lengthWarnings(session: RenderSession, parts: ReadonlyMap<TemplatePart, string>): void {
  for (const [part, text] of parts) {
    const max = SHOWN_LENGTH[part];
    const length = [...text].length;
    if (max !== undefined && length > max) {
      warn(session, {
        code: 'too_long_to_show',
        part,
        line: null,
        column: null,
        params: { length, max },
      });
    }
  }
}

function message(
  template: MessageTemplate,
  parts: ReadonlyMap<TemplatePart, string>,
  session: RenderSession,
  removed: RemovedLink[],
): RenderedMessage {
  const get = (part: TemplatePart) => parts.get(part) ?? '';
  switch (template.channel) {
    case 'email': {
      const sanitised = sanitiseEmailHtml(get('html'));
      for (const link of sanitised.removedLinks) removed.push({ part: 'html', ...link });
      if (sanitised.removedTags.length > 0) {
        warn(session, {
          code: 'removed_elements',
          part: 'html',
          line: null,
          column: null,
          params: { tags: sanitised.removedTags.join(', '), count: sanitised.removedTags.length },
        });
      }
      return {
        channel: 'email',
        subject: get('subject'),
        preheader: get('preheader'),
        html: sanitised.html,
      };
    }
    case 'sms': {
      const text = get('text');
      const count = smsCount(text);
      if (count.encoding === 'ucs2') {
        warn(session, {
          code: 'sms_ucs2',
          part: 'text',
          line: null,
          column: null,
          params: { characters: count.ucs2_characters.join(' ') },
        });
      }
      if (!hasStopMention(text)) {
        warn(session, {
          code: 'sms_stop_missing',
          part: 'text',
          line: null,
          column: null,
          params: {},
        });
      }
      return { channel: 'sms', text, sms: count };
    }
    case 'push':
      return { channel: 'push', title: get('title'), body: get('body') };
    case 'web_banner': {
      const raw = get('link');
      let link = '';
      if (raw !== '') {
        const verdict = linkVerdict(decodeReferences(raw));
        if (verdict.ok) link = browserView(verdict.url);
        else
          removed.push({
            part: 'link',
            tag: null,
            attribute: null,
            url: raw,
            reason: verdict.reason,
            scheme: verdict.scheme,
          });
      }
      return { channel: 'web_banner', headline: get('headline'), text: get('text'), link };
    }
  }
}

/**
 * One recipient's message. Never throws for anything a template or its data does: a template that
 * does not parse, or loops, or builds too much, answers `{ ok: false, error }` within the budget.
 */
export async function renderTemplate(request: RenderRequest): Promise<TemplateRenderResult> {
  const budgetMs = request.budgetMs ?? RENDER_BUDGET_MS;
  const deadline = Date.now() + budgetMs;
  const { template } = request;
  const session: RenderSession = {
    language: request.language ?? 'fr',
    now: request.now,
    plainSpaces: template.channel === 'sms',
    hints: request.personalisation.hints,
    fallbacks: [],
    fallbackCount: 0,
    warnings: [],
  };
  const sources: Readonly<Record<string, string>> = template.template;
  const parts = new Map<TemplatePart, string>();
  try {
    for (const part of PARTS_OF[template.channel]) {
      const html = template.channel === 'email' && part === 'html';
      const output = renderPart(
        session,
        part,
        sources[part] ?? '',
        html,
        request.personalisation.context,
        deadline,
        budgetMs,
      );
      parts.set(part, output.text);
    }
  } catch (error: unknown) {
    const { failure: cause } = templateFailure(error, 'html', budgetMs);
    return { ok: false, error: cause };
  }
  lengthWarnings(session, parts);
  const removed: RemovedLink[] = [];
  const rendered = message(template, parts, session, removed);
  return {
    ok: true,
    message: rendered,
    fallbacks: session.fallbacks,
    removed_links: removed,
    warnings: session.warnings,
  };
}
