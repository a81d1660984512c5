// The error body every endpoint answers with when it fails (4xx and 5xx). `code` is the coarse
// category (older clients read it); `message` is English, for developers and logs; `reason` is
// stable and enumerated, and with its `params` (the ids, versions, sizes and counts the wording
// needs) lets a client word the error in its user's language. Validation issues carry a code and
// figures the same way: zod's code and the fields zod's locales read, or a segment rule's code.
import { z } from 'zod';

export const apiErrorCode = z.enum([
  'bad_request',
  'not_found',
  'invalid_definition',
  'payload_too_large',
  'unsupported_media_type',
  'internal',
  // Sign-in and roles (decision 035): 401, 403, 429.
  'unauthenticated',
  'forbidden',
  'too_many_requests',
  'unavailable',
  // Saved segments: 409, 412, 428.
  'conflict',
  'precondition_failed',
  'precondition_required',
]);
export type ApiErrorCode = z.infer<typeof apiErrorCode>;

/** The figures an error's wording needs. */
export const errorParams = z.record(z.string(), z.union([z.string(), z.number()]));
export type ErrorParams = z.infer<typeof errorParams>;

const issueScalar = z.union([z.string(), z.number(), z.boolean(), z.null()]);
/** An issue's figures: zod's (`maximum`, `inclusive`, `values`…) or a segment rule's. */
export const issueParams = z.record(z.string(), z.union([issueScalar, z.array(issueScalar)]));
export type ApiIssueParams = z.infer<typeof issueParams>;

export const apiIssue = z.object({
  path: z.array(z.union([z.string(), z.number()])),
  /** English, for developers and logs. */
  message: z.string(),
  /**
   * A zod issue code (`too_big`, `invalid_type`…), a segment rule's code (`unknown_field`,
   * `segment_cycle`…: src/domain/segment/validate.ts) or, for a header or a body that is not
   * JSON, the error's reason.
   */
  code: z.string(),
  params: issueParams,
  /** On a 422 for a definition: the condition or group the issue is about (null: the whole). */
  node_id: z.string().nullable().optional(),
});
export type ApiIssue = z.infer<typeof apiIssue>;

const count = z.number().int().nonnegative();

/** The params of a 422 on a definition: how many issues, and what became of the request. */
export const definitionOutcome = z.strictObject({
  count,
  outcome: z.enum(['not_counted', 'not_created', 'not_saved', 'not_restored']),
  /** The version a refused restore named. */
  version: z.number().int().optional(),
});

// What only the server and the tests read (the reasons, the strict body) is built in functions
// marked pure: the browser, whose client accepts any reason, does not carry it in its first page.

/**
 * Every reason the API gives: its code, and the params it always sends. A new reason is added
 * here (and worded by the client, src/ui/api-error-words.ts) before a route throws it.
 */
export const errorReasons = /* @__PURE__ */ (() => {
  const id = z.string();
  const version = z.number().int();
  const invalidInput = { count, field: z.string() };
  return {
    // 404
    customer_not_found: { code: 'not_found', params: z.strictObject({ customer_id: id }) },
    /** One segment (`count` 1) or, for an overlap, each one missing, listed in `segment_id`. */
    segment_not_found: { code: 'not_found', params: z.strictObject({ segment_id: id, count }) },
    version_not_found: {
      code: 'not_found',
      params: z.strictObject({ segment_id: id, version, oldest: version, newest: version }),
    },
    no_model: { code: 'not_found', params: z.strictObject({}) },
    endpoint_not_found: {
      code: 'not_found',
      params: z.strictObject({ method: z.string(), path: z.string() }),
    },
    // 400
    body_not_json: { code: 'bad_request', params: z.strictObject({}) },
    /** The Host header names a host this server does not answer to (DNS rebinding). */
    host_not_allowed: { code: 'bad_request', params: z.strictObject({ host: z.string() }) },
    /** The body's bytes are not UTF-8. */
    body_not_utf8: { code: 'bad_request', params: z.strictObject({}) },
    /** A string of the body holds a lone UTF-16 surrogate; `field` is its path, dotted. */
    invalid_unicode: { code: 'bad_request', params: z.strictObject({ field: z.string() }) },
    // 415
    /** A body sent as something else than JSON (`content_type`: what was sent, '' without). */
    unsupported_media_type: {
      code: 'unsupported_media_type',
      params: z.strictObject({ content_type: z.string() }),
    },
    /** The query string, the path's parameters or the body failed its schema; `field` is the first. */
    invalid_query: { code: 'bad_request', params: z.strictObject(invalidInput) },
    invalid_params: { code: 'bad_request', params: z.strictObject(invalidInput) },
    invalid_body: { code: 'bad_request', params: z.strictObject(invalidInput) },
    invalid_cursor: { code: 'bad_request', params: z.strictObject({}) },
    invalid_breakdown: { code: 'bad_request', params: z.strictObject({ breakdown: z.string() }) },
    if_match_malformed: { code: 'bad_request', params: z.strictObject({}) },
    idempotency_key_invalid: { code: 'bad_request', params: z.strictObject({ max: count }) },
    // 413
    body_too_large: { code: 'payload_too_large', params: z.strictObject({ max_kb: count }) },
    // 422
    /** The definition's shape (zod); its issues carry zod's codes. */
    definition_malformed: { code: 'invalid_definition', params: definitionOutcome },
    /** The definition's rules (fields, values, segments); its issues carry the rules' codes. */
    invalid_definition: { code: 'invalid_definition', params: definitionOutcome },
    // 409
    segment_in_use: {
      code: 'conflict',
      params: z.strictObject({
        segment_id: id,
        name: z.string(),
        campaigns: count,
        segments: count,
      }),
    },
    /** The key created another segment from another request. */
    idempotency_key_reused: { code: 'conflict', params: z.strictObject({ segment_id: id }) },
    /** The segment the key created has been deleted since. */
    idempotency_key_deleted: { code: 'conflict', params: z.strictObject({ segment_id: id }) },
    // 412, 428
    version_conflict: {
      code: 'precondition_failed',
      params: z.strictObject({
        segment_id: id,
        name: z.string(),
        version,
        expected: version,
        author: z.string(),
        updated_at: z.string(),
      }),
    },
    if_match_required: { code: 'precondition_required', params: z.strictObject({}) },
    // Campaigns (decision 017): a segment's answers, naming a campaign, and the campaign's own.
    campaign_not_found: { code: 'not_found', params: z.strictObject({ campaign_id: id }) },
    campaign_version_not_found: {
      code: 'not_found',
      params: z.strictObject({ campaign_id: id, version, oldest: version, newest: version }),
    },
    /** What the campaign may not be saved with; its issues carry src/domain/campaign's codes. */
    invalid_campaign: {
      code: 'invalid_definition',
      params: z.strictObject({
        count,
        outcome: z.enum(['not_created', 'not_saved', 'not_restored']),
        /** The version a refused restore named. */
        version: version.optional(),
      }),
    },
    /** A sent campaign is kept as it went out: no edit, restore or deletion. */
    campaign_sent: {
      code: 'conflict',
      params: z.strictObject({ campaign_id: id, name: z.string() }),
    },
    /** The preview: a campaign with no target segment has no recipients to list. */
    campaign_without_segment: {
      code: 'conflict',
      params: z.strictObject({ campaign_id: id, name: z.string() }),
    },
    /**
     * The preview: the pinned segment version cannot select anyone — `version_gone` (no longer
     * recorded) or `invalid` (it names a field or a segment that is gone). Repin the campaign.
     */
    campaign_segment_unavailable: {
      code: 'conflict',
      params: z.strictObject({
        campaign_id: id,
        name: z.string(),
        segment_id: id,
        version,
        cause: z.enum(['version_gone', 'invalid']),
      }),
    },
    campaign_idempotency_key_reused: {
      code: 'conflict',
      params: z.strictObject({ campaign_id: id }),
    },
    campaign_idempotency_key_deleted: {
      code: 'conflict',
      params: z.strictObject({ campaign_id: id }),
    },
    campaign_version_conflict: {
      code: 'precondition_failed',
      params: z.strictObject({
        campaign_id: id,
        name: z.string(),
        version,
        expected: version,
        author: z.string(),
        updated_at: z.string(),
      }),
    },
    // The pre-send audit (decision 022).
    audit_not_found: {
      code: 'not_found',
      params: z.strictObject({ campaign_id: id, audit_id: id }),
    },
    /** A cancel of an audit that has finished (done, cancelled or failed). */
    audit_finished: {
      code: 'conflict',
      params: z.strictObject({ audit_id: id, state: z.string() }),
    },
    /** A remedy or "ready" from an audit that is not done. */
    audit_not_done: {
      code: 'conflict',
      params: z.strictObject({ audit_id: id, state: z.string() }),
    },
    /** A remedy or "ready" from an audit of another content or policy version than now's. */
    audit_stale: {
      code: 'conflict',
      params: z.strictObject({
        audit_id: id,
        campaign_id: id,
        audited_version: version,
        version,
      }),
    },
    /** The remedy changes nothing or cannot be applied; `cause` is remedy.ts's refusal. */
    remedy_not_applicable: {
      code: 'conflict',
      params: z.strictObject({ remedy: z.string(), cause: z.string() }),
    },
    /** "Ready" refused: a blocking guardrail still flags recipients and no reason was written. */
    campaign_blocked: {
      code: 'conflict',
      params: z.strictObject({
        campaign_id: id,
        name: z.string(),
        blocked: count,
        /** The blocking guardrails, comma-separated. */
        guardrails: z.string(),
      }),
    },
    /** A save saying "ready": a campaign is marked ready from its audit. */
    campaign_ready_from_audit: {
      code: 'conflict',
      params: z.strictObject({ campaign_id: id }),
    },
    /** An export of a campaign that is not ready. */
    campaign_not_ready: {
      code: 'conflict',
      params: z.strictObject({ campaign_id: id, name: z.string(), status: z.string() }),
    },
    // Guardrail policies: the default policy is on every store from its load on.
    policy_not_found: { code: 'not_found', params: z.strictObject({ policy_id: id }) },
    policy_version_not_found: {
      code: 'not_found',
      params: z.strictObject({ policy_id: id, version, oldest: version, newest: version }),
    },
    /** Rules of src/domain/guardrails/policy-rules.ts broken; its issues carry their codes. */
    invalid_policy: {
      code: 'invalid_definition',
      params: z.strictObject({
        count,
        outcome: z.enum(['not_saved', 'not_restored']),
        /** The version a refused restore named. */
        version: version.optional(),
      }),
    },
    policy_version_conflict: {
      code: 'precondition_failed',
      params: z.strictObject({
        policy_id: id,
        name: z.string(),
        version,
        expected: version,
        author: z.string(),
        updated_at: z.string(),
      }),
    },
    // Sign-in, roles and cross-site checks (decision 035).
    /** No session or token came with a request that needs one. */
    sign_in_required: { code: 'unauthenticated', params: z.strictObject({}) },
    /** The session was signed out, or passed its idle or absolute limit. */
    session_expired: { code: 'unauthenticated', params: z.strictObject({}) },
    /** A bearer token that is unknown or revoked. */
    invalid_token: { code: 'unauthenticated', params: z.strictObject({}) },
    /** Wrong login or password (which of the two is not said). */
    invalid_credentials: { code: 'unauthenticated', params: z.strictObject({}) },
    /** The route needs `role`; the caller is `current`. */
    role_required: {
      code: 'forbidden',
      params: z.strictObject({ role: z.string(), current: z.string() }),
    },
    /** A state change from another site (`cause`: its Origin or Sec-Fetch-Site), or without the
     * session's anti-forgery token. */
    cross_site_refused: {
      code: 'forbidden',
      params: z.strictObject({ cause: z.enum(['origin', 'fetch_site', 'token']) }),
    },
    /** Too many failed sign-ins for this login or address: retry after `seconds`. */
    too_many_sign_ins: { code: 'too_many_requests', params: z.strictObject({ seconds: count }) },
    /** This caller's budget for `group` (counts, exports, refits…) is spent for `seconds`. */
    rate_limited: {
      code: 'too_many_requests',
      params: z.strictObject({ group: z.string(), seconds: count }),
    },
    /** Too many requests under way: shed at once, to be tried again after `seconds`. */
    overloaded: { code: 'unavailable', params: z.strictObject({ seconds: count }) },
    user_not_found: { code: 'not_found', params: z.strictObject({ user_id: id }) },
    token_not_found: { code: 'not_found', params: z.strictObject({ token_id: id }) },
    /** A user with this login exists already. */
    login_taken: { code: 'conflict', params: z.strictObject({ login: z.string() }) },
    /** The change would leave no active admin. */
    last_admin: { code: 'conflict', params: z.strictObject({ user_id: id }) },
    /** Changing one's password: the current password given is wrong. */
    wrong_password: { code: 'forbidden', params: z.strictObject({}) },
    // Importing files through the screen (issue 14).
    /** No database to import into here (the browser's demo): `npm start` serves one. */
    import_unavailable: { code: 'unavailable', params: z.strictObject({}) },
    import_not_found: { code: 'not_found', params: z.strictObject({ import_id: id }) },
    /** Another import is under way (one at a time). */
    import_busy: { code: 'conflict', params: z.strictObject({ import_id: id }) },
    /** A file sent to, or a start of, an import that is no longer receiving files. */
    import_not_uploading: {
      code: 'conflict',
      params: z.strictObject({ import_id: id, phase: z.string() }),
    },
    /** A start before every declared file has arrived whole; `files`: those missing, comma-separated. */
    import_files_missing: {
      code: 'conflict',
      params: z.strictObject({ import_id: id, files: z.string(), count }),
    },
    /** A declared file that no table of the layout (with the mapping) takes, or a second file
     * for one table, or a chunk for a file that was not declared. */
    import_file_invalid: {
      code: 'bad_request',
      params: z.strictObject({
        file: z.string(),
        problem: z.enum(['unknown', 'twice', 'undeclared']),
        /** The file names the layout takes, comma-separated. */
        expected: z.string(),
      }),
    },
    /** A chunk that does not start where the file's received bytes end, or goes past its size. */
    import_chunk_mismatch: {
      code: 'conflict',
      params: z.strictObject({ file: z.string(), received: count, size: count, offset: count }),
    },
    // 500
    internal: { code: 'internal', params: z.strictObject({}) },
  } as const satisfies Record<string, { code: ApiErrorCode; params: z.ZodType<ErrorParams> }>;
})();

export type ApiErrorReason = keyof typeof errorReasons;
const isReason = (value: unknown): value is ApiErrorReason =>
  typeof value === 'string' && Object.hasOwn(errorReasons, value);
export const apiErrorReasons: readonly ApiErrorReason[] = /* @__PURE__ */ (() =>
  Object.keys(errorReasons).filter(isReason))();
export type ReasonParams<R extends ApiErrorReason> = z.infer<(typeof errorReasons)[R]['params']>;

/** The body as this API sends it. */
export const apiError = /* @__PURE__ */ (() =>
  z.object({
    error: z.object({
      code: apiErrorCode,
      reason: z.custom<ApiErrorReason>(isReason, 'Not a reason this API gives.'),
      message: z.string(),
      params: errorParams,
      issues: z.array(apiIssue).optional(),
    }),
  }))();
export type ApiError = z.infer<typeof apiError>;

/**
 * The body as a client reads it from any version of the API: an older one sends no reason, a newer
 * one may send reasons, codes and figures this client does not know (it words them generically).
 */
export const receivedApiError = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    reason: z.string().optional().catch(undefined),
    params: errorParams.optional().catch(undefined),
    issues: z
      .array(
        z.object({
          path: z.array(z.union([z.string(), z.number()])).catch([]),
          message: z.string().catch(''),
          code: z.string().optional().catch(undefined),
          params: issueParams.optional().catch(undefined),
          node_id: z.string().nullable().optional().catch(undefined),
        }),
      )
      .optional()
      .catch(undefined),
  }),
});
export type ReceivedApiError = z.infer<typeof receivedApiError>;
export type ReceivedIssue = NonNullable<ReceivedApiError['error']['issues']>[number];
