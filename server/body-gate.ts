// What every request body passes before a route reads it, in Node and behind the browser's mock
// alike: a body is JSON sent as `application/json` (415 otherwise: a form or text/plain post from
// another site is no longer read as a request of ours), its bytes are UTF-8, and none of its
// strings holds a lone UTF-16 surrogate (which DuckDB's JSON refuses and its text columns store as
// U+FFFD: the answer and a later read would differ). A body that is not JSON at all is left to the
// route, which says so in its own words (body_not_json).
import type { MiddlewareHandler } from 'hono';
import { httpError } from './http.ts';
import { routePattern } from './route-pattern.ts';

/** The most any route accepts (the template routes' 1 MB), with room for the JSON around it. */
export const MAX_BODY_BYTES = 2 * 1024 * 1024;

const WITHOUT_BODY: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);
const JSON_TYPE = /^application\/json\s*(;|$)/i;
/** A high surrogate not followed by a low one, or a low one not preceded by a high one. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const wellFormed = (text: string) => !LONE_SURROGATE.test(text);

/**
 * The path of the first string (or key) holding a lone surrogate, or null when there is none.
 * Walked with a stack, not recursion: a definition may nest thousands of groups deep before the
 * route refuses it.
 */
export function illFormedPath(root: unknown): string[] | null {
  const stack: { value: unknown; path: string[] }[] = [{ value: root, path: [] }];
  for (let next = stack.pop(); next !== undefined; next = stack.pop()) {
    const { value, path } = next;
    if (typeof value === 'string') {
      if (!wellFormed(value)) return path;
    } else if (Array.isArray(value)) {
      for (let i = value.length - 1; i >= 0; i -= 1)
        stack.push({ value: value[i], path: [...path, String(i)] });
    } else if (typeof value === 'object' && value !== null) {
      const entries = Object.entries(value);
      for (const [key] of entries) if (!wellFormed(key)) return [...path, key];
      for (let i = entries.length - 1; i >= 0; i -= 1) {
        const [key, item] = entries[i] ?? ['', null];
        stack.push({ value: item, path: [...path, key] });
      }
    }
  }
  return null;
}

/** The whole body, read once, or a 413 as soon as it passes `max` bytes. */
export async function bodyBytes(request: Request, max: number): Promise<Uint8Array<ArrayBuffer>> {
  const stream = request.body;
  if (stream === null) return new Uint8Array();
  const chunks: Uint8Array[] = [];
  let size = 0;
  const reader = stream.getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      void reader.cancel();
      throw tooLarge(max);
    }
    chunks.push(value);
  }
  const bytes: Uint8Array<ArrayBuffer> = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return bytes;
}

/** 413: a body past `max` bytes. */
export function tooLarge(max: number) {
  const maxKb = max / 1024;
  return httpError('body_too_large', `A request is at most ${maxKb} KB.`, { max_kb: maxKb });
}

/** The one route whose body is not JSON: a chunk of an imported file, which reads it itself. */
const FILE_CHUNK = routePattern('/api/imports/:id/files/:name');

export function bodyGate(max = MAX_BODY_BYTES): MiddlewareHandler {
  return async (c, next) => {
    if (WITHOUT_BODY.has(c.req.method) || c.req.raw.body === null) return next();
    if (c.req.method === 'PUT' && FILE_CHUNK.match(c.req.path) !== null) return next();
    const declared = Number(c.req.header('content-length') ?? Number.NaN);
    if (declared === 0) return next();
    const type = c.req.header('content-type') ?? '';
    if (!JSON_TYPE.test(type)) {
      // A request that says no length may have no body at all (a DELETE from a script, which
      // sends neither length nor type): read, it is let through when empty.
      if (Number.isNaN(declared)) {
        const bytes = await bodyBytes(c.req.raw, max);
        if (bytes.byteLength === 0) {
          c.req.raw = new Request(c.req.raw, { body: bytes });
          return next();
        }
      }
      // Otherwise read nothing of it: the type alone refuses it.
      throw httpError(
        'unsupported_media_type',
        `A request body must be JSON sent as application/json, not ${type === '' ? 'without a type' : type}.`,
        { content_type: type },
      );
    }
    if (declared > max) throw tooLarge(max);
    const bytes = await bodyBytes(c.req.raw, max);
    // The route reads the same bytes again, from a request rebuilt around them.
    c.req.raw = new Request(c.req.raw, { body: bytes });
    if (bytes.byteLength === 0) return next();
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      throw httpError('body_not_utf8', 'The body is not UTF-8.', {});
    }
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      return next(); // the route answers body_not_json
    }
    const path = illFormedPath(value);
    if (path !== null) {
      const field = path.join('.');
      throw httpError(
        'invalid_unicode',
        `Invalid body: ${field || 'body'} holds a lone UTF-16 surrogate.`,
        { field },
        {
          issues: [
            {
              path: ['body', ...path],
              code: 'invalid_unicode',
              message: 'A lone UTF-16 surrogate.',
              params: {},
            },
          ],
        },
      );
    }
    return next();
  };
}
