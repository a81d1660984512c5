// The one fetch client: builds the URL, parses every response with its zod schema and turns each
// way a request can fail into an ApiClientError with a message a marketer can act on.
import type { z } from 'zod';
import { apiError, type ApiIssue } from './contract.ts';

export type FailureKind = 'http' | 'network' | 'malformed' | 'aborted';

export class ApiClientError extends Error {
  readonly kind: FailureKind;
  readonly status: number | null;
  readonly issues: ApiIssue[];
  /** A short headline for the error state. */
  readonly title: string;
  /** One or two sentences on what happened and what to do. */
  readonly detail: string;
  readonly retryable: boolean;
  /** The parsed JSON body of an HTTP error, for callers that read more of it (412's `current`). */
  readonly body: unknown;

  constructor(init: {
    kind: FailureKind;
    status?: number | null;
    title: string;
    detail: string;
    issues?: ApiIssue[];
    body?: unknown;
  }) {
    super(`${init.title}: ${init.detail}`);
    this.name = 'ApiClientError';
    this.kind = init.kind;
    this.status = init.status ?? null;
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
  const parsed = apiError.safeParse(body);
  const serverMessage = parsed.success ? parsed.data.error.message : null;
  const issues = parsed.success ? (parsed.data.error.issues ?? []) : [];
  if (status === 404) {
    return new ApiClientError({
      kind: 'http',
      status,
      title: 'Not found',
      detail: serverMessage ?? 'The server has no record of this.',
      body,
    });
  }
  if (status >= 400 && status < 500) {
    return new ApiClientError({
      kind: 'http',
      status,
      title: 'The request was refused',
      detail: serverMessage ?? `The server answered ${status}.`,
      issues,
      body,
    });
  }
  return new ApiClientError({
    kind: 'http',
    status,
    body,
    title: 'The server failed',
    detail: `The profile API answered ${status}${serverMessage ? ` (${serverMessage})` : ''}. Try again; if it persists, the API's log has the cause.`,
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

export type WriteMethod = 'POST' | 'PUT' | 'DELETE';

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

async function reach(
  url: string,
  init: { method: string; body?: string; headers?: Record<string, string> },
  signal: AbortSignal | undefined,
): Promise<Response> {
  try {
    // Absolute against the page, so the same call works in the browser and under jsdom.
    return await fetch(new URL(url, globalThis.location.href), {
      ...init,
      headers: { accept: 'application/json', ...init.headers },
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
  init: { method: 'GET' | WriteMethod; body?: string; headers?: Record<string, string> },
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
      title: 'Unexpected answer from the server',
      detail: `The profile API's answer does not match the contract${where}${first ? `: ${first.message}` : ''}. Nothing was changed.`,
    });
  }
  return parsed.data;
}
