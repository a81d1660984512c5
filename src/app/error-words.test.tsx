// Every reason the API gives and every rule a definition can break is worded in both languages.
// Here because this is the layer that sees the contract, the domain and the UI's wording at once:
// a reason added to the contract, or a rule to the domain, without its wording fails below.
import { beforeAll, describe, expect, test } from 'vitest';
import { ApiClientError } from '../api/client.ts';
import {
  apiErrorReasons,
  errorReasons,
  type ApiErrorReason,
  type ReasonParams,
} from '../api/contract.ts';
import { issueCodes, type IssueCode } from '../domain/segment/validate.ts';
import type { IssueParams } from '../domain/zod-issue.ts';
import { createTestI18n } from '../test/i18n.ts';
import { wordError, wordedReasons } from '../ui/api-error-words.ts';
import { errorWords, wordIssue, wordedRuleCodes, type ErrorWords } from '../ui/issue-words.ts';
import { languages, type Language } from '../ui/i18n/languages.ts';

const words = {} as Record<Language, ErrorWords>;
beforeAll(async () => {
  for (const language of languages) words[language] = errorWords(await createTestI18n(language));
});

/** Figures for each reason, as the API sends them (checked against the contract below). */
const examples: { [R in ApiErrorReason]: ReasonParams<R> } = {
  customer_not_found: { customer_id: 'C0000042' },
  segment_not_found: { segment_id: 'seg_1', count: 1 },
  version_not_found: { segment_id: 'seg_1', version: 9, oldest: 1, newest: 1 },
  no_model: {},
  endpoint_not_found: { method: 'GET', path: '/api/nope' },
  body_not_json: {},
  body_not_utf8: {},
  host_not_allowed: { host: 'evil.example' },
  invalid_unicode: { field: 'name' },
  unsupported_media_type: { content_type: 'text/plain' },
  sign_in_required: {},
  session_expired: {},
  invalid_token: {},
  invalid_credentials: {},
  role_required: { role: 'editor', current: 'viewer' },
  cross_site_refused: { cause: 'token' },
  too_many_sign_ins: { seconds: 840 },
  rate_limited: { group: 'exports', seconds: 8 },
  overloaded: { seconds: 1 },
  user_not_found: { user_id: 'usr_1' },
  token_not_found: { token_id: 'tok_1' },
  login_taken: { login: 'ada' },
  last_admin: { user_id: 'usr_1' },
  wrong_password: {},
  import_unavailable: {},
  import_not_found: { import_id: 'imp_1' },
  import_busy: { import_id: 'imp_1' },
  import_not_uploading: { import_id: 'imp_1', phase: 'running' },
  import_files_missing: { import_id: 'imp_1', files: 'orders.csv', count: 1 },
  import_file_invalid: { file: 'commandes.csv', problem: 'unknown', expected: 'customers.csv' },
  import_chunk_mismatch: { file: 'orders.csv', received: 10, size: 20, offset: 12 },
  invalid_query: { count: 2, field: 'q' },
  invalid_params: { count: 1, field: 'id' },
  invalid_body: { count: 1, field: 'name' },
  invalid_cursor: {},
  invalid_breakdown: { breakdown: 'order.channel' },
  if_match_malformed: {},
  idempotency_key_invalid: { max: 200 },
  body_too_large: { max_kb: 512 },
  definition_malformed: { count: 1, outcome: 'not_counted' },
  invalid_definition: { count: 3, outcome: 'not_restored', version: 2 },
  segment_in_use: { segment_id: 'seg_1', name: 'Base', campaigns: 1, segments: 0 },
  idempotency_key_reused: { segment_id: 'seg_1' },
  idempotency_key_deleted: { segment_id: 'seg_1' },
  version_conflict: {
    segment_id: 'seg_1',
    name: 'Base',
    version: 4,
    expected: 3,
    author: 'Nadia',
    updated_at: '2026-11-16T09:00:00.000Z',
  },
  if_match_required: {},
  campaign_not_found: { campaign_id: 'cmp_1' },
  campaign_version_not_found: { campaign_id: 'cmp_1', version: 9, oldest: 3, newest: 4 },
  invalid_campaign: { count: 2, outcome: 'not_saved' },
  campaign_sent: { campaign_id: 'cmp_1', name: 'Soldes' },
  campaign_without_segment: { campaign_id: 'cmp_1', name: 'Soldes' },
  audit_not_found: { campaign_id: 'cmp_1', audit_id: 'aud_1' },
  audit_finished: { audit_id: 'aud_1', state: 'done' },
  audit_not_done: { audit_id: 'aud_1', state: 'running' },
  audit_stale: { audit_id: 'aud_1', campaign_id: 'cmp_1', audited_version: 3, version: 5 },
  remedy_not_applicable: { remedy: 'raise_discount', cause: 'meets_threshold' },
  campaign_blocked: {
    campaign_id: 'cmp_1',
    name: 'Soldes',
    blocked: 37,
    guardrails: 'already_owned',
  },
  campaign_ready_from_audit: { campaign_id: 'cmp_1' },
  campaign_not_ready: { campaign_id: 'cmp_1', name: 'Soldes', status: 'draft' },
  campaign_segment_unavailable: {
    campaign_id: 'cmp_1',
    name: 'Soldes',
    segment_id: 'seg_1',
    version: 2,
    cause: 'invalid',
  },
  campaign_idempotency_key_reused: { campaign_id: 'cmp_1' },
  campaign_idempotency_key_deleted: { campaign_id: 'cmp_1' },
  campaign_version_conflict: {
    campaign_id: 'cmp_1',
    name: 'Soldes',
    version: 4,
    expected: 3,
    author: 'Nadia',
    updated_at: '2026-11-16T09:00:00.000Z',
  },
  policy_not_found: { policy_id: 'default' },
  policy_version_not_found: { policy_id: 'default', version: 9, oldest: 1, newest: 4 },
  invalid_policy: { count: 1, outcome: 'not_restored', version: 2 },
  policy_version_conflict: {
    policy_id: 'default',
    name: 'Politique par défaut',
    version: 4,
    expected: 3,
    author: 'Nadia',
    updated_at: '2026-11-16T09:00:00.000Z',
  },
  internal: {},
};

/** Figures for each rule, as the domain gives them. */
const ruleExamples: Record<IssueCode, IssueParams> = {
  unknown_field: { field: 'customer.nope' },
  unknown_score: { score: 'score.nope' },
  unknown_event_type: { event_type: 'nope' },
  unknown_filter: { on: 'order', field: 'order.nope' },
  unknown_segment: { segment_id: 'seg_gone' },
  segment_cycle: { segment_id: 'a', chain: ['me', 'a', 'me'], loop: 'self' },
  operator_not_allowed: {
    field: 'customer.city',
    label: 'City',
    type: 'string',
    operator: 'gt',
    operators: ['equals', 'in'],
  },
  wrong_value_type: { field: 'customer.children', label: 'Children', expected: 'number' },
  unknown_value: { field: 'customer.gender', label: 'Gender', value: 'q' },
  empty_value: { of: 'list', field: 'customer.city', label: 'City' },
  invalid_date: { of: 'window' },
  invalid_days: { min: 1, max: 36_500 },
  min_above_max: { of: 'period' },
  too_many_values: { max: 1000, count: 1001 },
  too_deep: { max: 20 },
  empty_group: {},
  duplicate_id: { id: 'c1' },
  too_many_nodes: { max: 500, count: 501 },
  too_large_expanded: { max: 5000, count: 6334, chain: ['seg_a', 'seg_b'] },
};

const statusOf = { not_found: 404, conflict: 409, precondition_failed: 412, internal: 500 };

/** What a wording must not be: a key, an ICU placeholder left over, the English for logs. */
function expectWorded(text: string) {
  expect(text).not.toMatch(/^(reason|issue|detail|title)\./);
  expect(text).not.toMatch(/[{}]/);
  expect(text).not.toContain('For logs');
}

describe.each(apiErrorReasons)('the reason %s', (reason) => {
  test('has a wording, in French and in English, from the figures the API sends', () => {
    expect(wordedReasons).toContain(reason);
    const params = examples[reason];
    expect(errorReasons[reason].params.safeParse(params).success).toBe(true);
    const { code } = errorReasons[reason];
    const error = new ApiClientError({
      kind: 'http',
      status: code in statusOf ? statusOf[code as keyof typeof statusOf] : 400,
      reason,
      params,
      title: 'English',
      detail: 'For logs.',
    });
    const fr = wordError(error, words.fr);
    const en = wordError(error, words.en);
    for (const { title, detail } of [fr, en]) {
      expectWorded(title);
      expectWorded(detail);
    }
    expect(fr.detail).not.toBe(en.detail);
  });
});

test('the client words no reason the contract lacks', () => {
  expect([...wordedReasons].sort()).toEqual([...apiErrorReasons].sort());
});

describe.each(issueCodes)('the rule %s', (code) => {
  test('has a wording, in French and in English', () => {
    expect(wordedRuleCodes).toContain(code);
    const fr = wordIssue({ code, params: ruleExamples[code] }, words.fr);
    const en = wordIssue({ code, params: ruleExamples[code] }, words.en);
    expectWorded(fr);
    expectWorded(en);
    expect(fr).not.toBe(en);
    expect(fr).not.toBe(wordIssue({ code: 'no_such_rule' }, words.fr));
  });
});

// zod's codes, worded by zod's own locales (what the API sends for a request of the wrong shape).
test.each<[string, IssueParams]>([
  ['invalid_type', { expected: 'number', received: 'string' }],
  ['too_big', { origin: 'string', maximum: 120, inclusive: true }],
  ['too_small', { origin: 'array', minimum: 2, inclusive: true }],
  ['invalid_format', { origin: 'string', format: 'regex', pattern: '/^a$/' }],
  ['not_multiple_of', { divisor: 5 }],
  ['unrecognized_keys', { keys: ['colour'] }],
  ['invalid_union', { discriminator: 'kind', options: ['group', 'attribute'] }],
  ['invalid_key', { origin: 'record' }],
  ['invalid_element', { origin: 'set' }],
  ['invalid_value', { values: ['and', 'or'] }],
])('zod’s %s is worded by its locale in each language', (code, params) => {
  const fr = wordIssue({ code, params }, words.fr);
  const en = wordIssue({ code, params }, words.en);
  expect(fr).not.toBe(en);
  expect(fr).not.toBe('Valeur invalide.');
  expect(en).not.toBe('Invalid value.');
});
