// Every API error a user sees, in their language: from the API's stable reason and its params
// (src/api/contract/errors.ts), or from the kind of failure when no answer came (network, a
// malformed answer, a cancelled request). The error is read by shape (the UI does not import the
// API client). A reason this client does not know (an older or newer server) reads as a generic
// message with the status, never as the server's English.
import { z } from 'zod';
import type { ErrorWords, WordedError } from './error-words.ts';
import { localeOf, type Language } from './i18n/languages.ts';
import { loadZodLocale } from './i18n/zod-locales.ts';
import { wordIssue, wordIssueAt } from './issue-words.ts';

export { errorWords, useErrorWords, type ErrorWords, type WordedError } from './error-words.ts';

/** Makes the wording ready in `language`: zod's locale for it, fetched the first time. */
export function prepareWording(language: Language): Promise<void> {
  return loadZodLocale(language);
}

const figures = z.record(z.string(), z.unknown()).catch({});
const apiFailure = z.object({
  kind: z.enum(['http', 'network', 'malformed', 'aborted']),
  status: z.number().nullable().catch(null),
  reason: z.string().nullable().catch(null),
  params: figures,
  issues: z
    .array(
      z.object({
        code: z.string().nullish().catch(null),
        params: figures.optional(),
        path: z.array(z.union([z.string(), z.number()])).catch([]),
      }),
    )
    .catch([]),
});
type ApiFailure = z.infer<typeof apiFailure>;
type Params = ApiFailure['params'];

/** The failure an error is, if it is one the API client raised. */
export function readApiFailure(error: unknown): ApiFailure | null {
  const parsed = apiFailure.safeParse(error);
  return parsed.success ? parsed.data : null;
}

export const isApiFailure = (error: unknown): boolean => readApiFailure(error) !== null;

const text = (p: Params, key: string): string => {
  const value = p[key];
  return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
};
const num = (p: Params, key: string, otherwise = 0): number => {
  const value = p[key];
  return typeof value === 'number' ? value : otherwise;
};

type Detail = (p: Params, words: ErrorWords, failure: ApiFailure) => string;

/** The first issue, worded with where it is (or a generic invalid value). */
const first = (failure: ApiFailure, words: ErrorWords) => {
  const issue = failure.issues[0];
  return issue ? wordIssueAt(issue, words) : words.t('issue.unknown');
};
/** The first issue of a definition, worded whole (its path names a node, not a field). */
const firstRule = (failure: ApiFailure, words: ErrorWords) => {
  const issue = failure.issues[0];
  return issue ? wordIssue(issue, words) : '';
};
const outcome = (p: Params) => ({ outcome: text(p, 'outcome'), version: num(p, 'version') });
/** "2 campaigns and 1 segment", in the language. */
function users(p: Params, { t, language }: ErrorWords): string {
  const parts = [
    ...(num(p, 'campaigns') > 0 ? [t('usage.campaigns', { count: num(p, 'campaigns') })] : []),
    ...(num(p, 'segments') > 0 ? [t('usage.segments', { count: num(p, 'segments') })] : []),
  ];
  return new Intl.ListFormat(localeOf(language), { type: 'conjunction' }).format(parts);
}

/** The wording of every reason the API gives (the completeness test iterates the contract's). */
const reasonWords = new Map<string, Detail>([
  [
    'customer_not_found',
    (p, { t }) => t('reason.customer_not_found', { customer_id: text(p, 'customer_id') }),
  ],
  [
    'segment_not_found',
    (p, { t }) =>
      t('reason.segment_not_found', {
        segment_id: text(p, 'segment_id'),
        count: num(p, 'count', 1),
      }),
  ],
  [
    'version_not_found',
    (p, { t }) =>
      t('reason.version_not_found', {
        segment_id: text(p, 'segment_id'),
        version: num(p, 'version'),
        oldest: num(p, 'oldest'),
        newest: num(p, 'newest'),
        span: num(p, 'oldest') === num(p, 'newest') ? 'one' : 'range',
      }),
  ],
  ['no_model', (_, { t }) => t('reason.no_model')],
  [
    'endpoint_not_found',
    (p, { t }) =>
      t('reason.endpoint_not_found', { method: text(p, 'method'), path: text(p, 'path') }),
  ],
  ['body_not_json', (_, { t }) => t('reason.body_not_json')],
  ['body_not_utf8', (_, { t }) => t('reason.body_not_utf8')],
  ['host_not_allowed', (p, { t }) => t('reason.host_not_allowed', { host: text(p, 'host') })],
  ['invalid_unicode', (p, { t }) => t('reason.invalid_unicode', { field: text(p, 'field') })],
  [
    'unsupported_media_type',
    (p, { t }) =>
      t('reason.unsupported_media_type', { content_type: text(p, 'content_type') || '—' }),
  ],
  ['sign_in_required', (_, { t }) => t('reason.sign_in_required')],
  ['session_expired', (_, { t }) => t('reason.session_expired')],
  ['invalid_token', (_, { t }) => t('reason.invalid_token')],
  ['invalid_credentials', (_, { t }) => t('reason.invalid_credentials')],
  [
    'role_required',
    (p, { t }) => t('reason.role_required', { role: text(p, 'role'), current: text(p, 'current') }),
  ],
  ['cross_site_refused', (p, { t }) => t('reason.cross_site_refused', { cause: text(p, 'cause') })],
  [
    'too_many_sign_ins',
    (p, { t }) => t('reason.too_many_sign_ins', { seconds: num(p, 'seconds') }),
  ],
  [
    'rate_limited',
    (p, { t }) => t('reason.rate_limited', { group: text(p, 'group'), seconds: num(p, 'seconds') }),
  ],
  ['overloaded', (p, { t }) => t('reason.overloaded', { seconds: num(p, 'seconds') })],
  ['user_not_found', (p, { t }) => t('reason.user_not_found', { user_id: text(p, 'user_id') })],
  ['token_not_found', (p, { t }) => t('reason.token_not_found', { token_id: text(p, 'token_id') })],
  ['login_taken', (p, { t }) => t('reason.login_taken', { login: text(p, 'login') })],
  ['last_admin', (_, { t }) => t('reason.last_admin')],
  ['wrong_password', (_, { t }) => t('reason.wrong_password')],
  ['import_unavailable', (_, { t }) => t('reason.import_unavailable')],
  ['import_not_found', (p, { t }) => t('reason.import_not_found', { id: text(p, 'import_id') })],
  ['import_busy', (_, { t }) => t('reason.import_busy')],
  [
    'import_not_uploading',
    (p, { t }) => t('reason.import_not_uploading', { phase: text(p, 'phase') }),
  ],
  [
    'import_files_missing',
    (p, { t }) =>
      t('reason.import_files_missing', { files: text(p, 'files'), count: num(p, 'count', 1) }),
  ],
  [
    'import_file_invalid',
    (p, { t }) =>
      t('reason.import_file_invalid', {
        file: text(p, 'file'),
        problem: text(p, 'problem'),
        expected: text(p, 'expected'),
      }),
  ],
  [
    'import_chunk_mismatch',
    (p, { t }) =>
      t('reason.import_chunk_mismatch', {
        file: text(p, 'file'),
        received: num(p, 'received'),
        offset: num(p, 'offset'),
      }),
  ],
  [
    'invalid_query',
    (p, words, f) =>
      words.t('reason.invalid_query', { count: num(p, 'count', 1), first: first(f, words) }),
  ],
  ['invalid_params', (_, words, f) => words.t('reason.invalid_params', { first: first(f, words) })],
  [
    'invalid_body',
    (p, words, f) =>
      words.t('reason.invalid_body', { count: num(p, 'count', 1), first: first(f, words) }),
  ],
  ['invalid_cursor', (_, { t }) => t('reason.invalid_cursor')],
  [
    'invalid_breakdown',
    (p, { t }) => t('reason.invalid_breakdown', { breakdown: text(p, 'breakdown') }),
  ],
  ['if_match_malformed', (_, { t }) => t('reason.if_match_malformed')],
  [
    'idempotency_key_invalid',
    (p, { t }) => t('reason.idempotency_key_invalid', { max: num(p, 'max') }),
  ],
  ['body_too_large', (p, { t }) => t('reason.body_too_large', { max_kb: num(p, 'max_kb') })],
  [
    'definition_malformed',
    (p, words, f) =>
      words.t('reason.definition_malformed', { ...outcome(p), first: first(f, words) }),
  ],
  [
    'invalid_definition',
    (p, words, f) =>
      words.t('reason.invalid_definition', {
        ...outcome(p),
        count: num(p, 'count', 1),
        first: firstRule(f, words),
      }),
  ],
  [
    'segment_in_use',
    (p, words) =>
      words.t('reason.segment_in_use', { name: text(p, 'name'), users: users(p, words) }),
  ],
  [
    'idempotency_key_reused',
    (p, { t }) => t('reason.idempotency_key_reused', { segment_id: text(p, 'segment_id') }),
  ],
  [
    'idempotency_key_deleted',
    (p, { t }) => t('reason.idempotency_key_deleted', { segment_id: text(p, 'segment_id') }),
  ],
  [
    'version_conflict',
    (p, { t }) =>
      t('reason.version_conflict', {
        name: text(p, 'name'),
        author: text(p, 'author'),
        version: num(p, 'version'),
        expected: num(p, 'expected'),
      }),
  ],
  ['if_match_required', (_, { t }) => t('reason.if_match_required')],
  [
    'campaign_not_found',
    (p, { t }) => t('reason.campaign_not_found', { campaign_id: text(p, 'campaign_id') }),
  ],
  [
    'campaign_version_not_found',
    (p, { t }) =>
      t('reason.campaign_version_not_found', {
        campaign_id: text(p, 'campaign_id'),
        version: num(p, 'version'),
        oldest: num(p, 'oldest'),
        newest: num(p, 'newest'),
        span: num(p, 'oldest') === num(p, 'newest') ? 'one' : 'range',
      }),
  ],
  [
    'invalid_campaign',
    (p, words, f) =>
      words.t('reason.invalid_campaign', {
        ...outcome(p),
        count: num(p, 'count', 1),
        first: firstRule(f, words),
      }),
  ],
  ['campaign_sent', (p, { t }) => t('reason.campaign_sent', { name: text(p, 'name') })],
  [
    'campaign_without_segment',
    (p, { t }) => t('reason.campaign_without_segment', { name: text(p, 'name') }),
  ],
  [
    'campaign_segment_unavailable',
    (p, { t }) =>
      t('reason.campaign_segment_unavailable', {
        name: text(p, 'name'),
        segment_id: text(p, 'segment_id'),
        version: num(p, 'version'),
        cause: text(p, 'cause'),
      }),
  ],
  ['audit_not_found', (_p, { t }) => t('reason.audit_not_found')],
  ['audit_finished', (p, { t }) => t('reason.audit_finished', { state: text(p, 'state') })],
  ['audit_not_done', (p, { t }) => t('reason.audit_not_done', { state: text(p, 'state') })],
  [
    'audit_stale',
    (p, { t }) =>
      t('reason.audit_stale', {
        audited_version: num(p, 'audited_version'),
        version: num(p, 'version'),
      }),
  ],
  [
    'remedy_not_applicable',
    (p, { t }) => t('reason.remedy_not_applicable', { cause: text(p, 'cause') }),
  ],
  [
    'campaign_blocked',
    (p, { t }) =>
      t('reason.campaign_blocked', { blocked: num(p, 'blocked'), name: text(p, 'name') }),
  ],
  ['campaign_ready_from_audit', (_p, { t }) => t('reason.campaign_ready_from_audit')],
  [
    'campaign_not_ready',
    (p, { t }) =>
      t('reason.campaign_not_ready', { name: text(p, 'name'), status: text(p, 'status') }),
  ],
  [
    'campaign_idempotency_key_reused',
    (p, { t }) =>
      t('reason.campaign_idempotency_key_reused', { campaign_id: text(p, 'campaign_id') }),
  ],
  [
    'campaign_idempotency_key_deleted',
    (p, { t }) =>
      t('reason.campaign_idempotency_key_deleted', { campaign_id: text(p, 'campaign_id') }),
  ],
  [
    'campaign_version_conflict',
    (p, { t }) =>
      t('reason.campaign_version_conflict', {
        name: text(p, 'name'),
        author: text(p, 'author'),
        version: num(p, 'version'),
        expected: num(p, 'expected'),
      }),
  ],
  [
    'policy_not_found',
    (p, { t }) => t('reason.policy_not_found', { policy_id: text(p, 'policy_id') }),
  ],
  [
    'policy_version_not_found',
    (p, { t }) =>
      t('reason.policy_version_not_found', {
        policy_id: text(p, 'policy_id'),
        version: num(p, 'version'),
        oldest: num(p, 'oldest'),
        newest: num(p, 'newest'),
        span: num(p, 'oldest') === num(p, 'newest') ? 'one' : 'range',
      }),
  ],
  [
    'invalid_policy',
    (p, { t }) => t('reason.invalid_policy', { ...outcome(p), count: num(p, 'count', 1) }),
  ],
  [
    'policy_version_conflict',
    (p, { t }) =>
      t('reason.policy_version_conflict', {
        name: text(p, 'name'),
        author: text(p, 'author'),
        version: num(p, 'version'),
        expected: num(p, 'expected'),
      }),
  ],
  ['internal', (_, { t }, f) => t('reason.internal', { status: f.status ?? 500 })],
]);

/** The reasons this client words (the completeness test holds them to the contract's). */
export const wordedReasons: readonly string[] = [...reasonWords.keys()];

function title({ kind, status }: ApiFailure, { t }: ErrorWords): string {
  if (kind === 'network') return t('title.unreachable');
  if (kind === 'malformed') return t('title.unreadable');
  if (kind === 'aborted') return t('title.cancelled');
  if (status === 404) return t('title.notFound');
  if (status === 409) return t('title.conflict');
  if (status === 412) return t('title.stale');
  if (status !== null && status >= 500) return t('title.serverFailed');
  return t('title.refused');
}

function detail(failure: ApiFailure, words: ErrorWords): string {
  const { t } = words;
  const { kind, status, reason, params } = failure;
  if (kind === 'network') return t('detail.network');
  if (kind === 'aborted') return t('detail.aborted');
  if (kind === 'malformed') {
    if (reason === 'not_json') return t('detail.notJson');
    const at = text(params, 'at');
    return at === '' ? t('detail.offContract') : t('detail.offContractAt', { at });
  }
  const known = reason === null ? undefined : reasonWords.get(reason);
  if (known) return known(params, words, failure);
  // No reason, or one this client does not know: what the status says.
  const answered = status ?? 0;
  if (answered >= 500) return t('detail.serverFailed', { status: answered });
  if (answered === 404) return t('detail.notFound', { status: answered });
  return t('detail.refused', { status: answered });
}

/** An error as the user reads it; anything but an API error gets the generic message. */
export function wordError(error: unknown, words: ErrorWords): WordedError {
  const failure = readApiFailure(error);
  if (failure === null) {
    return { title: words.t('title.generic'), detail: words.t('detail.generic'), issues: [] };
  }
  return {
    title: title(failure, words),
    detail: detail(failure, words),
    issues: failure.issues.map((issue) => wordIssueAt(issue, words)),
  };
}
