// The one fetch client: builds the URL, parses every response with its zod schema and turns each
// way a request can fail into an ApiClientError: its kind, the status, and for an API error the
// server's stable reason with its params and issues, from which the UI words it in the user's
// language (src/ui/api-error-words.ts). The English title and detail are for logs.
import type { z } from 'zod';
// The errors' module, not the contract's barrel, which would bring every endpoint's schemas into
// the first page's JavaScript (zod schemas are not tree-shaken).
import { receivedApiError, type ErrorParams, type ReceivedIssue } from './contract/errors.ts';

export type FailureKind = 'http' | 'network' | 'malformed' | 'aborted';

/** Why an answer was unreadable: not JSON, or JSON off the contract. */
export type MalformedReason = 'not_json' | 'off_contract';

export class ApiClientError extends Error {
  readonly kind: FailureKind;
  readonly status: number | null;
  /**
   * The API's reason (`customer_not_found`…), when it gave one; for a malformed answer, which way
   * it was malformed. A reason this client does not know is kept as it came.
   */
  readonly reason: string | null;
  /** The figures the reason's wording needs. */
  readonly params: ErrorParams;
  readonly issues: ReceivedIssue[];
  /** A short English headline, for logs. */
  readonly title: string;
  /** One or two English sentences, for logs. */
  readonly detail: string;
  readonly retryable: boolean;
  /** The parsed JSON body of an HTTP error, for callers that read more of it (412's `current`). */
  readonly body: unknown;

  constructor(init: {
    kind: FailureKind;
    status?: number | null;
    reason?: string | null;
    params?: ErrorParams;
    title: string;
    detail: string;
    issues?: ReceivedIssue[];
    body?: unknown;
  }) {
    super(`${init.title}: ${init.detail}`);
    this.name = 'ApiClientError';
    this.kind = init.kind;
    this.status = init.status ?? null;
    this.reason = init.reason ?? null;
    this.params = init.params ?? {};
    this.title = init.title;
    this.detail = init.detail;
    this.issues = init.issues ?? [];
    this.body = init.body ?? null;
    this.retryable = init.kind === 'network' || (init.kind === 'http' && (init.status ?? 0) >= 500);
  }
}

type QueryValue = string | number | boolean | undefined | null | readonly string[];

export function buildUrl(path: string, query?: Record<string, QueryValue>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) {
      if (value.length > 0) params.set(key, value.join(','));
    } else {
      params.set(key, String(value));
    }
  }
  const qs = params.toString();
  return qs === '' ? path : `${path}?${qs}`;
}

function httpError(status: number, body: unknown): ApiClientError {
  const parsed = receivedApiError.safeParse(body);
  const error = parsed.success ? parsed.data.error : null;
  const said = error?.message ?? null;
  const common = {
    kind: 'http' as const,
    status,
    reason: error?.reason ?? null,
    params: error?.params ?? {},
    issues: error?.issues ?? [],
    body,
  };
  if (status === 404) {
    return new ApiClientError({
      ...common,
      title: 'Not found',
      detail: said ?? 'The server has no record of this.',
    });
  }
  if (status >= 400 && status < 500) {
    return new ApiClientError({
      ...common,
      title: 'The request was refused',
      detail: said ?? `The server answered ${status}.`,
    });
  }
  return new ApiClientError({
    ...common,
    title: 'The server failed',
    detail: `The profile API answered ${status}${said ? ` (${said})` : ''}. Try again; if it persists, the API's log has the cause.`,
  });
}

/** GET a path and parse the JSON body with `schema`. */
export function getJson<S extends z.ZodType>(
  schema: S,
  path: string,
  options: { query?: Record<string, QueryValue>; signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  return send(schema, buildUrl(path, options.query), { method: 'GET' }, options.signal);
}

/** POST a JSON body to a path and parse the JSON answer with `schema`. */
export function postJson<S extends z.ZodType>(
  schema: S,
  path: string,
  body: unknown,
  options: { signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  return send(
    schema,
    path,
    { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'application/json' } },
    options.signal,
  );
}

export type WriteMethod = 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/** The If-Match header a write to a versioned document sends: the version it edits, as its ETag. */
export const ifMatch = (version: number) => ({ 'if-match': `"${version}"` });

/**
 * Sends a write with optional JSON body and headers (If-Match, Idempotency-Key) and parses the
 * answer with `schema`; a 204 answers null, so pass a schema that accepts it.
 */
export function sendJson<S extends z.ZodType>(
  method: WriteMethod,
  schema: S,
  path: string,
  body: unknown,
  options: { headers?: Record<string, string>; signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  const json: Record<string, string> =
    body === undefined ? {} : { 'content-type': 'application/json' };
  return send(
    schema,
    path,
    {
      method,
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      headers: { ...json, ...options.headers },
    },
    options.signal,
  );
}

/** PUT bytes (a chunk of a file to import) and parse the JSON answer with `schema`. */
export function putBytes<S extends z.ZodType>(
  schema: S,
  path: string,
  bytes: Uint8Array<ArrayBuffer>,
  options: { query?: Record<string, QueryValue>; signal?: AbortSignal } = {},
): Promise<z.infer<S>> {
  return send(
    schema,
    buildUrl(path, options.query),
    { method: 'PUT', body: bytes, headers: { 'content-type': 'application/octet-stream' } },
    options.signal,
  );
}

/** GET a text body (a CSV export): the same failures as the JSON calls, the text as it came. */
export async function getText(path: string, options: { signal?: AbortSignal } = {}) {
  const response = await reach(
    path,
    { method: 'GET', headers: { accept: 'text/csv' } },
    options.signal,
  );
  const text = await response.text();
  if (!response.ok) throw httpError(response.status, parseJsonOrNull(text));
  return text;
}

function parseJsonOrNull(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * The session's anti-forgery token, which the server sets in a cookie this page can read (a page of
 * another site cannot) and wants back in a header on every change (decision 035).
 */
export function csrfToken(): string | null {
  const cookies = globalThis.document?.cookie ?? '';
  for (const pair of cookies.split(';')) {
    const [name, ...value] = pair.trim().split('=');
    if (name === 'tact_csrf') return decodeURIComponent(value.join('='));
  }
  return null;
}

async function reach(
  url: string,
  init: {
    method: string;
    body?: string | Uint8Array<ArrayBuffer>;
    headers?: Record<string, string>;
  },
  signal: AbortSignal | undefined,
): Promise<Response> {
  const csrf = init.method === 'GET' ? null : csrfToken();
  try {
    // Absolute against the page, so the same call works in the browser and under jsdom.
    return await fetch(new URL(url, globalThis.location.href), {
      ...init,
      headers: {
        accept: 'application/json',
        ...(csrf === null ? {} : { 'x-csrf-token': csrf }),
        ...init.headers,
      },
      signal: signal ?? null,
    });
  } catch (error: unknown) {
    if (signal?.aborted) {
      throw new ApiClientError({
        kind: 'aborted',
        title: 'Cancelled',
        detail: 'The request was cancelled.',
      });
    }
    throw new ApiClientError({
      kind: 'network',
      title: 'Cannot reach the profile API',
      detail: `The request did not reach the server (${error instanceof Error ? error.message : 'network error'}). Check your connection and try again.`,
    });
  }
}

async function send<S extends z.ZodType>(
  schema: S,
  url: string,
  init: {
    method: 'GET' | WriteMethod;
    body?: string | Uint8Array<ArrayBuffer>;
    headers?: Record<string, string>;
  },
  signal: AbortSignal | undefined,
): Promise<z.infer<S>> {
  const response = await reach(url, init, signal);
  let body: unknown;
  const text = await response.text();
  try {
    body = text === '' ? null : JSON.parse(text);
  } catch {
    if (!response.ok) throw httpError(response.status, null);
    throw new ApiClientError({
      kind: 'malformed',
      status: response.status,
      reason: 'not_json' satisfies MalformedReason,
      title: 'Unreadable answer from the server',
      detail: 'The profile API answered with something that is not JSON. Nothing was changed.',
    });
  }
  if (!response.ok) throw httpError(response.status, body);
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    const where = first && first.path.length > 0 ? ` at ${first.path.join('.')}` : '';
    throw new ApiClientError({
      kind: 'malformed',
      status: response.status,
      reason: 'off_contract' satisfies MalformedReason,
      params: first && first.path.length > 0 ? { at: first.path.join('.') } : {},
      title: 'Unexpected answer from the server',
      detail: `The profile API's answer does not match the contract${where}${first ? `: ${first.message}` : ''}. Nothing was changed.`,
    });
  }
  return parsed.data;
}
