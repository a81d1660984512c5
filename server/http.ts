// Error shapes and request parsing shared by every route: each error a stable reason with its
// params (src/api/contract/errors.ts), the status its code implies, 400 with the zod paths and
// figures, never a 500 on user input.
import type { Context } from 'hono';
import type { z } from 'zod';
import {
  errorReasons,
  type ApiError,
  type ApiErrorCode,
  type ApiErrorReason,
  type ApiIssue,
  type ReasonParams,
  type SegmentUsage,
} from '../src/api/contract.ts';
import { safeParseCoded } from '../src/domain/zod-issue.ts';

/**
 * The error body; 422 issues also carry the node they are about (`definitionIssue`); a 412 on a
 * versioned document (a segment) carries its current version, a 409 on deleting a segment what
 * uses it.
 */
type ErrorBody = ApiError & { current?: object; usage?: SegmentUsage };

export type ErrorStatus =
  400 | 401 | 403 | 404 | 409 | 412 | 413 | 415 | 422 | 428 | 429 | 500 | 503;

const statusOf: Readonly<Record<ApiErrorCode, ErrorStatus>> = {
  bad_request: 400,
  not_found: 404,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unauthenticated: 401,
  forbidden: 403,
  too_many_requests: 429,
  unavailable: 503,
  invalid_definition: 422,
  conflict: 409,
  precondition_failed: 412,
  precondition_required: 428,
  internal: 500,
};

export class HttpError extends Error {
  readonly status: ErrorStatus;
  readonly body: ErrorBody;
  constructor(body: ErrorBody) {
    super(body.error.message);
    this.status = statusOf[body.error.code];
    this.body = body;
  }
}

/** What an error may carry besides its reason: issues, and a 412's or a 409's document. */
interface Extra {
  issues?: readonly ApiIssue[];
  current?: object;
  usage?: SegmentUsage;
}

/** The body of an error: the reason's code, the English message, the params the wording needs. */
export function errorBody<R extends ApiErrorReason>(
  reason: R,
  message: string,
  params: ReasonParams<R>,
  { issues, ...extra }: Extra = {},
): ErrorBody {
  const { code } = errorReasons[reason];
  return {
    error: { code, reason, message, params, ...(issues ? { issues: [...issues] } : {}) },
    ...extra,
  };
}

/** An error a route throws; the app answers it with its body and the status of its code. */
export function httpError<R extends ApiErrorReason>(
  reason: R,
  message: string,
  params: ReasonParams<R>,
  extra?: Extra,
): HttpError {
  return new HttpError(errorBody(reason, message, params, extra));
}

const reasonOf = {
  query: 'invalid_query',
  params: 'invalid_params',
  body: 'invalid_body',
} as const;

/** Parse `input` with `schema` or throw a 400 naming every offending path under `where`. */
export function parseOr400<S extends z.ZodType>(
  schema: S,
  input: unknown,
  where: 'query' | 'params' | 'body',
): z.infer<S> {
  const parsed = safeParseCoded(schema, input);
  if (parsed.ok) return parsed.data;
  const issues = parsed.issues.map((issue) => ({ ...issue, path: [where, ...issue.path] }));
  const first = issues[0];
  const field = first?.path.slice(1).join('.') ?? '';
  throw httpError(
    reasonOf[where],
    first ? `Invalid ${where}: ${field || where} — ${first.message}` : `Invalid ${where}.`,
    { count: issues.length, field },
    { issues },
  );
}

/** The query string as a plain object; a repeated key keeps its last value. */
export function queryOf(c: Context): Record<string, string> {
  return c.req.query();
}
