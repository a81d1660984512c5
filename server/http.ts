// Error shapes and request parsing shared by every route: 400 with the zod paths, 404, never a 500
// on user input.
import type { Context } from 'hono';
import type { z } from 'zod';
import type { ApiError, ApiIssue, SegmentUsage } from '../src/api/contract.ts';

/**
 * The error body; 422 issues also carry the node they are about (`definitionIssue`); a 412 on a
 * versioned document (a segment) carries its current version, a 409 on deleting a segment what
 * uses it.
 */
type ErrorBody = {
  error: { code: ApiError['error']['code']; message: string; issues?: readonly ApiIssue[] };
  current?: object;
  usage?: SegmentUsage;
};

export type ErrorStatus = 400 | 404 | 409 | 412 | 413 | 422 | 428;

export class HttpError extends Error {
  readonly status: ErrorStatus;
  readonly body: ErrorBody;
  constructor(
    status: ErrorStatus,
    code: ApiError['error']['code'],
    message: string,
    issues?: readonly ApiIssue[],
    extra: { current?: object; usage?: SegmentUsage } = {},
  ) {
    super(message);
    this.status = status;
    this.body = { error: { code, message, ...(issues ? { issues } : {}) }, ...extra };
  }
}

export function notFound(message: string): HttpError {
  return new HttpError(404, 'not_found', message);
}

export function badRequest(message: string, issues?: ApiIssue[]): HttpError {
  return new HttpError(400, 'bad_request', message, issues);
}

function toIssues(error: z.ZodError, prefix: string): ApiIssue[] {
  return error.issues.map((issue) => ({
    path: [prefix, ...issue.path.map((p) => (typeof p === 'symbol' ? String(p) : p))],
    message: issue.message,
  }));
}

/** Parse `input` with `schema` or throw a 400 naming every offending path under `where`. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'query' | 'params' | 'body',
): z.infer<S> {
  const parsed = schema.safeParse(input);
  if (!parsed.success) {
    const issues = toIssues(parsed.error, where);
    const first = issues[0];
    throw badRequest(
      first
        ? `Invalid ${where}: ${first.path.slice(1).join('.') || where} — ${first.message}`
        : `Invalid ${where}.`,
      issues,
    );
  }
  return parsed.data;
}

/** The query string as a plain object; a repeated key keeps its last value. */
export function queryOf(c: Context): Record<string, string> {
  return c.req.query();
}
