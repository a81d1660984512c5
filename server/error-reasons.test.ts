// Every error the API answers names a reason of the contract's list with the params that reason
// promises, under the code and status it implies: each reason provoked for real over the memory
// store, and every reason a route names found in the list (and none of the list unused).
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import {
  apiError,
  apiErrorReasons,
  errorReasons,
  type ApiErrorReason,
} from '../src/api/contract.ts';
import { createApi } from './app.ts';
import { FIXTURE_AS_OF, fixtureDataset } from './fixture.ts';
import { MemoryStore } from './stores/memory.ts';
import { TEST_ACCESS } from './auth/test-access.ts';
import type { LoadLimits } from './load-limits.ts';
import { accountsAccess } from './auth/access.ts';
import { Accounts } from './auth/accounts.ts';
import { argon2Passwords } from './auth/argon2.ts';
import { createUser, newToken } from './routes/auth.ts';
import { ImportJobs } from './import/jobs.ts';
import type { ImportReport } from '../src/api/contract.ts';

const definition = (children: unknown[]) => ({
  version: 1,
  root: { id: 'root', kind: 'group', combinator: 'and', children },
});
const city = {
  id: 'c1',
  kind: 'attribute',
  field: 'customer.city',
  test: { operator: 'equals', value: 'Lyon' },
};

function fixture() {
  const d = fixtureDataset();
  d.segments.push({
    segment_id: 'seg_lyon',
    name: 'Lyonnais',
    definition: definition([city]),
    version: 3,
    author: 'Nadia',
    updated_at: '2026-10-01T00:00:00.000Z',
  });
  d.campaigns = d.campaigns.map((c) => ({ ...c, segment_id: 'seg_lyon' }));
  // For the preview: a campaign with no segment, one pinned to a segment naming one that is gone.
  d.segments.push({
    segment_id: 'seg_broken',
    name: 'Cassé',
    definition: definition([{ id: 'm', kind: 'segment', segment_id: 'seg_gone' }]),
    version: 1,
    author: 'Nadia',
    updated_at: '2026-10-01T00:00:00.000Z',
  });
  for (const [campaign_id, segment_id] of [
    ['CMP_NONE', null],
    ['CMP_BROKEN', 'seg_broken'],
  ] as const) {
    d.campaigns.push({ ...d.campaigns[0]!, campaign_id, segment_id, status: 'draft' });
  }
  return d;
}

interface Call {
  method?: string;
  path: string;
  body?: unknown;
  raw?: string;
  /** Sent as they are (bytes no string can hold). */
  bytes?: Uint8Array<ArrayBuffer>;
  headers?: Record<string, string>;
  /** A scene's step that is meant to fail with this status (a failed sign-in). */
  expect?: number;
  /** Sent again (every 20 ms, 5 s at most) until its answer says so: an audit has ended. */
  until?: (body: unknown) => boolean;
}

/** A request that sets the scene, possibly built from the answer to the one before. */
type Step = Call | ((previous: unknown) => Call);
const idOf = (body: unknown) =>
  typeof body === 'object' && body !== null && 'segment_id' in body ? String(body.segment_id) : '';
const campaignIdOf = (body: unknown) =>
  typeof body === 'object' && body !== null && 'campaign_id' in body
    ? String(body.campaign_id)
    : '';

const auditIdOf = (body: unknown) =>
  typeof body === 'object' && body !== null && 'audit_id' in body ? String(body.audit_id) : '';
const ended = (body: unknown) =>
  typeof body === 'object' && body !== null && 'state' in body && body.state !== 'running';

/** The audit a scene ran, for the steps after the one that started it. */
let lastAudit = '';
/** A new campaign on seg_lyon (with `extra`), its audit run to the end. */
const audited = (extra: Record<string, unknown> = {}): Step[] => [
  {
    method: 'POST',
    path: '/api/campaigns',
    body: {
      name: 'Audit',
      channel: 'email',
      segment: { segment_id: 'seg_lyon', version: 3 },
      // No holdout: seg_lyon has one member, whom a random holdout would take one time in ten.
      holdout_share: 0,
      ...extra,
    },
  },
  (created) => ({ method: 'POST', path: `/api/campaigns/${campaignIdOf(created)}/audits` }),
  (audit) => {
    lastAudit = auditIdOf(audit);
    return { path: `/api/campaigns/${campaignIdOf(audit)}/audits/${lastAudit}`, until: ended };
  },
];
/** A request on the audited campaign, made from the audit's answer. */
const onAudited =
  (method: string, tail: string, body?: (auditId: string) => unknown, version = 1) =>
  (audit: unknown): Call => ({
    method,
    path: `/api/campaigns/${campaignIdOf(audit)}${tail.replace(':audit', auditIdOf(audit))}`,
    headers: { 'if-match': `"${version}"` },
    ...(body === undefined ? {} : { body: body(auditIdOf(audit)) }),
  });
const expiredOffer = {
  target: { kind: 'product', sku: 'BR-LOTR-BOX' },
  price: { kind: 'percent', percent: 20 },
  valid_from: '2020-01-01',
  valid_to: '2020-01-31',
};

const ADMIN_TOKEN = 'tact_admin-token-for-the-reasons-test';
const VIEWER_TOKEN = 'tact_viewer-token-for-the-reasons-test';
const asAdmin = { authorization: `Bearer ${ADMIN_TOKEN}` };
const wrongSignIn: Call = {
  method: 'POST',
  path: '/api/auth/sign-in',
  body: { login: 'ada', password: 'not her password' },
  expect: 401,
};
const userIdOf = (login: string) => (body: unknown) => {
  const users = typeof body === 'object' && body !== null && 'users' in body ? body.users : [];
  const user = Array.isArray(users)
    ? users.find(
        (u: unknown) => typeof u === 'object' && u !== null && 'login' in u && u.login === login,
      )
    : undefined;
  return typeof user === 'object' && user !== null && 'user_id' in user ? String(user.user_id) : '';
};

/** Accounts with an admin (ada) and tokens for an admin and a viewer, for the sign-in reasons. */
async function accountsApi(store: MemoryStore) {
  const accounts = await Accounts.open(null);
  const now = Date.now();
  await createUser(
    accounts,
    argon2Passwords,
    { login: 'ada', name: 'Ada', role: 'admin', password: 'correct horse battery' },
    now,
  );
  for (const [value, role] of [
    [ADMIN_TOKEN, 'admin'],
    [VIEWER_TOKEN, 'viewer'],
  ] as const)
    await accounts.putToken((await newToken(role, role, 'ada', now, value)).record);
  return createApi(store, { access: accountsAccess(accounts, argon2Passwords), logErrors: false });
}

const importIdOf = (body: unknown) =>
  typeof body === 'object' && body !== null && 'import_id' in body ? String(body.import_id) : '';
/** An import of one file of `size` bytes (customers.csv). */
const newImport = (size: number): Call => ({
  method: 'POST',
  path: '/api/imports',
  body: {
    mode: 'update',
    check: true,
    as_of: '2026-11-16T00:00:00Z',
    mapping: null,
    files: [{ name: 'customers.csv', size }],
  },
});
/** A start of the import just created: its runner never ends (`imports: true`), so it runs on. */
const startImport = (created: unknown): Call => ({
  method: 'POST',
  path: `/api/imports/${importIdOf(created)}/start`,
});
const chunk = (offset: number, text: string) => (created: unknown) => ({
  method: 'PUT',
  path: `/api/imports/${importIdOf(created)}/files/customers.csv?offset=${offset}`,
  headers: { 'content-type': 'application/octet-stream' },
  bytes: new TextEncoder().encode(text),
});

/** One request that gets each reason (some after first requests set the scene). */
const provoke: Record<
  ApiErrorReason,
  {
    before?: Step[];
    call: Step;
    status: number;
    accounts?: true;
    hosts?: true;
    load?: LoadLimits;
    /** Imports whose runs never end. */
    imports?: true;
  }
> = {
  import_unavailable: { call: newImport(3), status: 503 },
  import_not_found: { imports: true, call: { path: '/api/imports/imp_gone' }, status: 404 },
  import_busy: {
    imports: true,
    before: [newImport(0), startImport],
    call: newImport(0),
    status: 409,
  },
  import_not_uploading: {
    imports: true,
    before: [newImport(0), startImport],
    call: chunk(0, ''),
    status: 409,
  },
  import_files_missing: { imports: true, before: [newImport(3)], call: startImport, status: 409 },
  import_file_invalid: {
    imports: true,
    call: {
      method: 'POST',
      path: '/api/imports',
      body: {
        mode: 'update',
        check: true,
        as_of: '2026-11-16T00:00:00Z',
        mapping: null,
        files: [{ name: 'commandes.csv', size: 3 }],
      },
    },
    status: 400,
  },
  import_chunk_mismatch: {
    imports: true,
    before: [newImport(3)],
    call: chunk(1, 'abc'),
    status: 409,
  },
  rate_limited: {
    load: {
      inFlight: 32,
      queue: null,
      rules: [{ group: 'counts', method: 'POST', pattern: /count$/, burst: 1, perMs: 60_000 }],
      now: Date.now,
    },
    before: [
      { method: 'POST', path: '/api/segments/count', body: { definition: definition([city]) } },
    ],
    call: { method: 'POST', path: '/api/segments/count', body: { definition: definition([city]) } },
    status: 429,
  },
  overloaded: {
    load: { inFlight: 0, queue: null, rules: [], now: Date.now },
    call: { path: '/api/catalogue' },
    status: 503,
  },
  host_not_allowed: {
    hosts: true,
    call: { path: '/api/health', headers: { host: 'rebound.example:3000' } },
    status: 400,
  },
  sign_in_required: { accounts: true, call: { path: '/api/catalogue' }, status: 401 },
  session_expired: {
    accounts: true,
    call: { path: '/api/catalogue', headers: { cookie: 'tact_session=long-gone' } },
    status: 401,
  },
  invalid_token: {
    accounts: true,
    call: { path: '/api/catalogue', headers: { authorization: 'Bearer tact_made-up' } },
    status: 401,
  },
  invalid_credentials: { accounts: true, call: { ...wrongSignIn, expect: undefined }, status: 401 },
  role_required: {
    accounts: true,
    call: {
      method: 'POST',
      path: '/api/segments',
      headers: { authorization: `Bearer ${VIEWER_TOKEN}` },
      body: { name: 'Lyon', definition: definition([city]) },
    },
    status: 403,
  },
  cross_site_refused: {
    accounts: true,
    call: {
      method: 'POST',
      path: '/api/auth/sign-in',
      headers: { origin: 'https://elsewhere.example' },
      body: { login: 'ada', password: 'correct horse battery' },
    },
    status: 403,
  },
  too_many_sign_ins: {
    accounts: true,
    before: [wrongSignIn, wrongSignIn, wrongSignIn, wrongSignIn],
    call: { ...wrongSignIn, expect: undefined },
    status: 429,
  },
  user_not_found: {
    accounts: true,
    call: { method: 'PATCH', path: '/api/users/usr_nobody', headers: asAdmin, body: { name: 'X' } },
    status: 404,
  },
  token_not_found: {
    accounts: true,
    call: { method: 'DELETE', path: '/api/tokens/tok_nothing', headers: asAdmin },
    status: 404,
  },
  login_taken: {
    accounts: true,
    call: {
      method: 'POST',
      path: '/api/users',
      headers: asAdmin,
      body: { login: 'ada', name: 'Ada bis', role: 'editor', password: 'another long password' },
    },
    status: 409,
  },
  last_admin: {
    accounts: true,
    before: [{ path: '/api/users', headers: asAdmin }],
    call: (users) => ({
      method: 'PATCH',
      path: `/api/users/${userIdOf('ada')(users)}`,
      headers: asAdmin,
      body: { role: 'viewer' },
    }),
    status: 409,
  },
  wrong_password: {
    accounts: true,
    before: [
      {
        method: 'POST',
        path: '/api/auth/sign-in',
        body: { login: 'ada', password: 'correct horse battery' },
      },
    ],
    call: {
      method: 'PUT',
      path: '/api/auth/password',
      body: { current: 'not her password', next: 'a brand new passphrase' },
    },
    status: 403,
  },
  customer_not_found: { call: { path: '/api/customers/C9999999' }, status: 404 },
  segment_not_found: { call: { path: '/api/segments/seg_gone' }, status: 404 },
  version_not_found: { call: { path: '/api/segments/seg_lyon/versions/9' }, status: 404 },
  no_model: { call: { path: '/api/models/clv' }, status: 404 },
  endpoint_not_found: { call: { path: '/api/nothing-here' }, status: 404 },
  body_not_json: { call: { method: 'POST', path: '/api/segments/count', raw: '{' }, status: 400 },
  body_not_utf8: {
    call: {
      method: 'POST',
      path: '/api/segments/count',
      bytes: new Uint8Array([0x7b, 0xff, 0x7d]),
    },
    status: 400,
  },
  invalid_unicode: {
    call: { method: 'POST', path: '/api/segments/count', raw: '{"definition":"\\ud800"}' },
    status: 400,
  },
  unsupported_media_type: {
    call: {
      method: 'POST',
      path: '/api/segments/count',
      raw: '{}',
      headers: { 'content-type': 'text/plain' },
    },
    status: 415,
  },
  invalid_query: { call: { path: '/api/customers?q=a' }, status: 400 },
  invalid_params: { call: { path: '/api/customers/bad%20id' }, status: 400 },
  invalid_body: {
    call: { method: 'POST', path: '/api/segments', body: { name: '', definition: {} } },
    status: 400,
  },
  invalid_cursor: { call: { path: '/api/customers/C0000001/timeline?cursor=zz' }, status: 400 },
  invalid_breakdown: {
    call: {
      method: 'POST',
      path: '/api/segments/count',
      body: { definition: definition([city]), breakdown: 'order.channel' },
    },
    status: 400,
  },
  if_match_malformed: {
    call: {
      method: 'PUT',
      path: '/api/segments/seg_lyon',
      headers: { 'if-match': 'W/"x"' },
      body: { name: 'Lyonnais', definition: definition([city]) },
    },
    status: 400,
  },
  idempotency_key_invalid: {
    call: {
      method: 'POST',
      path: '/api/segments',
      headers: { 'idempotency-key': 'é' },
      body: { name: 'x', definition: definition([city]) },
    },
    status: 400,
  },
  body_too_large: {
    call: {
      method: 'POST',
      path: '/api/segments/overlap',
      raw: JSON.stringify({ pad: 'x'.repeat(5000) }),
    },
    status: 413,
  },
  definition_malformed: {
    call: { method: 'POST', path: '/api/segments/count', body: { definition: { version: 2 } } },
    status: 422,
  },
  invalid_definition: {
    call: {
      method: 'POST',
      path: '/api/segments/count',
      body: { definition: definition([{ ...city, field: 'customer.nope' }]) },
    },
    status: 422,
  },
  segment_in_use: {
    call: { method: 'DELETE', path: '/api/segments/seg_lyon', headers: { 'if-match': '"3"' } },
    status: 409,
  },
  idempotency_key_reused: {
    before: [
      {
        method: 'POST',
        path: '/api/segments',
        headers: { 'idempotency-key': 'k-reused' },
        body: { name: 'Once', definition: definition([city]) },
      },
    ],
    call: {
      method: 'POST',
      path: '/api/segments',
      headers: { 'idempotency-key': 'k-reused' },
      body: { name: 'Another', definition: definition([city]) },
    },
    status: 409,
  },
  idempotency_key_deleted: {
    before: [
      {
        method: 'POST',
        path: '/api/segments',
        headers: { 'idempotency-key': 'k-deleted' },
        body: { name: 'Short-lived', definition: definition([city]) },
      },
      (created) => ({
        method: 'DELETE',
        path: `/api/segments/${idOf(created)}`,
        headers: { 'if-match': '"1"' },
      }),
    ],
    call: {
      method: 'POST',
      path: '/api/segments',
      headers: { 'idempotency-key': 'k-deleted' },
      body: { name: 'Short-lived', definition: definition([city]) },
    },
    status: 409,
  },
  version_conflict: {
    call: {
      method: 'PUT',
      path: '/api/segments/seg_lyon',
      headers: { 'if-match': '"2"' },
      body: { name: 'Lyonnais', definition: definition([city]) },
    },
    status: 412,
  },
  if_match_required: {
    call: {
      method: 'PUT',
      path: '/api/segments/seg_lyon',
      body: { name: 'Lyonnais', definition: definition([city]) },
    },
    status: 428,
  },
  campaign_not_found: { call: { path: '/api/campaigns/cmp_gone' }, status: 404 },
  campaign_version_not_found: { call: { path: '/api/campaigns/CMP01/versions/9' }, status: 404 },
  invalid_campaign: {
    call: {
      method: 'POST',
      path: '/api/campaigns',
      body: { name: 'Sur Mars', channel: 'sms', time_zone: 'Mars/Olympus_Mons' },
    },
    status: 422,
  },
  campaign_ready_from_audit: {
    call: {
      method: 'POST',
      path: '/api/campaigns',
      body: { name: 'Prête ?', channel: 'sms', status: 'ready' },
    },
    status: 409,
  },
  campaign_not_ready: { call: { path: '/api/campaigns/CMP_NONE/export' }, status: 409 },
  audit_not_found: { call: { path: '/api/campaigns/CMP01/audits/aud_gone' }, status: 404 },
  audit_finished: {
    before: audited(),
    call: onAudited('DELETE', '/audits/:audit'),
    status: 409,
  },
  audit_not_done: {
    // The store never supplies a history (HangingStore): the audit runs for ever.
    before: audited().slice(0, 2),
    call: onAudited('POST', '/remedies', (audit_id) => ({
      audit_id,
      remedy: { kind: 'drop_offer' },
    })),
    status: 409,
  },
  audit_stale: {
    before: [
      ...audited({ offer: expiredOffer }),
      onAudited('PUT', '', () => ({
        name: 'Renamed',
        channel: 'email',
        segment: { segment_id: 'seg_lyon', version: 3 },
      })),
    ],
    call: (campaign) => ({
      method: 'POST',
      path: `/api/campaigns/${campaignIdOf(campaign)}/remedies`,
      headers: { 'if-match': '"2"' },
      body: { audit_id: lastAudit, remedy: { kind: 'drop_offer' } },
    }),
    status: 409,
  },
  remedy_not_applicable: {
    before: audited(),
    call: onAudited('POST', '/remedies', (audit_id) => ({
      audit_id,
      remedy: { kind: 'drop_offer' },
    })),
    status: 409,
  },
  campaign_blocked: {
    before: audited({ offer: expiredOffer }),
    call: onAudited('POST', '/ready', (audit_id) => ({ audit_id })),
    status: 409,
  },
  campaign_sent: {
    call: { method: 'DELETE', path: '/api/campaigns/CMP01', headers: { 'if-match': '"1"' } },
    status: 409,
  },
  campaign_idempotency_key_reused: {
    before: [
      {
        method: 'POST',
        path: '/api/campaigns',
        headers: { 'idempotency-key': 'k-reused' },
        body: { name: 'Once', channel: 'sms' },
      },
    ],
    call: {
      method: 'POST',
      path: '/api/campaigns',
      headers: { 'idempotency-key': 'k-reused' },
      body: { name: 'Another', channel: 'sms' },
    },
    status: 409,
  },
  campaign_idempotency_key_deleted: {
    before: [
      {
        method: 'POST',
        path: '/api/campaigns',
        headers: { 'idempotency-key': 'k-deleted' },
        body: { name: 'Short-lived', channel: 'sms' },
      },
      (created) => ({
        method: 'DELETE',
        path: `/api/campaigns/${campaignIdOf(created)}`,
        headers: { 'if-match': '"1"' },
      }),
    ],
    call: {
      method: 'POST',
      path: '/api/campaigns',
      headers: { 'idempotency-key': 'k-deleted' },
      body: { name: 'Short-lived', channel: 'sms' },
    },
    status: 409,
  },
  campaign_version_conflict: {
    call: {
      method: 'PUT',
      path: '/api/campaigns/CMP01',
      headers: { 'if-match': '"2"' },
      body: { name: 'Coffrets de Noël', channel: 'email' },
    },
    status: 412,
  },
  policy_not_found: { call: { path: '/api/policies/pol_gone' }, status: 404 },
  policy_version_not_found: { call: { path: '/api/policies/default/versions/9' }, status: 404 },
  invalid_policy: {
    call: {
      method: 'PUT',
      path: '/api/policies/default',
      headers: { 'if-match': '"1"' },
      body: { quiet_hours: { sms: { enabled: true, start: '20:00', end: '08:00' } } },
    },
    status: 422,
  },
  policy_version_conflict: {
    call: {
      method: 'PUT',
      path: '/api/policies/default',
      headers: { 'if-match': '"2"' },
      body: { min_discount_percent: 10 },
    },
    status: 412,
  },
  campaign_without_segment: { call: { path: '/api/campaigns/CMP_NONE/recipients' }, status: 409 },
  campaign_segment_unavailable: {
    call: { path: '/api/campaigns/CMP_BROKEN/recipients' },
    status: 409,
  },
  internal: { call: { path: '/api/health' }, status: 500 },
};

/** A store whose health check fails, for the 500. */
class FailingStore extends MemoryStore {
  override customerCount(): Promise<number> {
    return Promise.reject(new Error('disk on fire'));
  }
}

/** A store that never supplies a history: an audit on it runs until cancelled. */
class HangingStore extends MemoryStore {
  // eslint-disable-next-line require-yield -- it never yields, by design
  override async *histories(): AsyncIterable<never> {
    await new Promise(() => undefined);
  }
}

/** The cookies each app set, sent back like a browser would (with the anti-forgery header). */
const jars = new WeakMap<object, Map<string, string>>();

async function send(api: ReturnType<typeof createApi>, call: Call) {
  const body =
    call.bytes ?? call.raw ?? (call.body === undefined ? undefined : JSON.stringify(call.body));
  const jar = jars.get(api) ?? new Map<string, string>();
  jars.set(api, jar);
  const cookies = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
  const csrf = jar.get('tact_csrf');
  for (let attempt = 0; ; attempt += 1) {
    const res = await api.request(call.path, {
      method: call.method ?? 'GET',
      headers: {
        'content-type': 'application/json',
        ...(cookies === '' ? {} : { cookie: cookies }),
        ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }),
        ...call.headers,
      },
      ...(body === undefined ? {} : { body }),
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      if (value === '' || /max-age=0/i.test(line)) jar.delete(name);
      else jar.set(name, value);
    }
    const text = await res.text();
    const reply = { status: res.status, body: (text === '' ? null : JSON.parse(text)) as unknown };
    if (call.until === undefined || call.until(reply.body)) return reply;
    // Up to 30 s: the other test worker can slow an audit a lot; a wait that ends early would
    // test the wrong state, so it fails instead.
    if (attempt >= 1_500) throw new Error(`${call.path} never reached the awaited state`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe.each(apiErrorReasons)('%s', (reason) => {
  test('is answered with its code, status and params, and issues carry codes', async () => {
    const store =
      reason === 'internal'
        ? new FailingStore(fixture(), FIXTURE_AS_OF)
        : reason === 'audit_not_done'
          ? new HangingStore(fixture(), FIXTURE_AS_OF)
          : new MemoryStore(fixture(), FIXTURE_AS_OF);
    const { before = [], call, status, accounts, hosts, load, imports } = provoke[reason];
    const api =
      accounts === true
        ? await accountsApi(store)
        : createApi(store, {
            access: TEST_ACCESS,
            logErrors: false,
            ...(hosts === true ? { hosts: new Set(['localhost']) } : {}),
            ...(load === undefined ? {} : { load }),
            ...(imports === true
              ? { imports: new ImportJobs(() => new Promise<ImportReport>(() => undefined)) }
              : {}),
          });
    let previous: unknown = null;
    for (const step of before) {
      const made = typeof step === 'function' ? step(previous) : step;
      const reply = await send(api, made);
      if (made.expect === undefined)
        expect(reply.status, JSON.stringify(reply.body)).toBeLessThan(300);
      else expect(reply.status).toBe(made.expect);
      previous = reply.body;
    }
    const reply = await send(api, typeof call === 'function' ? call(previous) : call);
    expect(reply.status, JSON.stringify(reply.body) + JSON.stringify(previous)).toBe(status);
    const { error } = apiError.parse(reply.body);
    expect(error.reason).toBe(reason);
    expect(error.code).toBe(errorReasons[reason].code);
    expect(errorReasons[reason].params.safeParse(error.params).success).toBe(true);
    for (const issue of error.issues ?? []) expect(issue.code).not.toBe('');
  });
});

test('the params carry the figures the wording needs', async () => {
  const api = createApi(new MemoryStore(fixture(), FIXTURE_AS_OF), {
    access: TEST_ACCESS,
    logErrors: false,
  });
  const params = async (step: Step) => {
    const call = typeof step === 'function' ? step(null) : step;
    return apiError.parse((await send(api, call)).body).error.params;
  };
  expect(await params(provoke.customer_not_found.call)).toEqual({ customer_id: 'C9999999' });
  expect(await params(provoke.version_not_found.call)).toEqual({
    segment_id: 'seg_lyon',
    version: 9,
    oldest: 3,
    newest: 3,
  });
  expect(await params(provoke.version_conflict.call)).toEqual({
    segment_id: 'seg_lyon',
    name: 'Lyonnais',
    version: 3,
    expected: 2,
    author: 'Nadia',
    updated_at: '2026-10-01T00:00:00.000Z',
  });
  expect(await params(provoke.segment_in_use.call)).toEqual({
    segment_id: 'seg_lyon',
    name: 'Lyonnais',
    campaigns: 1,
    segments: 0,
  });
  expect(await params(provoke.body_too_large.call)).toEqual({ max_kb: 4 });
  expect(
    await params({
      method: 'POST',
      path: '/api/segments/overlap',
      body: { segment_ids: ['seg_lyon', 'seg_a', 'seg_b'] },
    }),
  ).toEqual({ segment_id: 'seg_a, seg_b', count: 2 });
});

test('a refused restore names its version in the params', async () => {
  const d = fixture();
  d.segments.push({
    segment_id: 'seg_loop',
    name: 'Boucle',
    definition: definition([{ id: 'm', kind: 'segment', segment_id: 'seg_loop' }]),
    version: 1,
    author: 'Nadia',
    updated_at: '2026-10-01T00:00:00.000Z',
  });
  const api = createApi(new MemoryStore(d, FIXTURE_AS_OF), {
    access: TEST_ACCESS,
    logErrors: false,
  });
  const reply = await send(api, {
    method: 'POST',
    path: '/api/segments/seg_loop/versions/1/restore',
    headers: { 'if-match': '"1"' },
    body: {},
  });
  expect(reply.status).toBe(422);
  const { error } = apiError.parse(reply.body);
  expect(error).toMatchObject({
    reason: 'invalid_definition',
    params: { count: 1, outcome: 'not_restored', version: 1 },
    issues: [
      {
        code: 'segment_cycle',
        node_id: 'm',
        params: { segment_id: 'seg_loop', chain: ['seg_loop', 'seg_loop'], loop: 'self' },
      },
    ],
  });
});

test('a 400 on the body carries zod codes and the figures zod’s locales need', async () => {
  const api = createApi(new MemoryStore(fixture(), FIXTURE_AS_OF), {
    access: TEST_ACCESS,
    logErrors: false,
  });
  const reply = await send(api, {
    method: 'POST',
    path: '/api/segments',
    body: { name: 'x'.repeat(121), definition: definition([city]), colour: 'red' },
  });
  const { error } = apiError.parse(reply.body);
  expect(error.reason).toBe('invalid_body');
  expect(error.params).toEqual({ count: 2, field: 'name' });
  expect(error.issues).toEqual([
    expect.objectContaining({
      path: ['body', 'name'],
      code: 'too_big',
      params: { origin: 'string', maximum: 120, inclusive: true },
    }),
    expect.objectContaining({
      path: ['body'],
      code: 'unrecognized_keys',
      params: { keys: ['colour'] },
    }),
  ]);
});

test('a definition of the wrong type names the type received, never the value', async () => {
  const api = createApi(new MemoryStore(fixture(), FIXTURE_AS_OF), {
    access: TEST_ACCESS,
    logErrors: false,
  });
  const reply = await send(api, {
    method: 'POST',
    path: '/api/segments/count',
    body: { definition: { version: 1, root: 'secret text' } },
  });
  const { error } = apiError.parse(reply.body);
  expect(error.reason).toBe('definition_malformed');
  expect(error.issues?.[0]).toMatchObject({
    path: ['definition', 'root'],
    code: 'invalid_type',
    params: { expected: 'object', received: 'string' },
  });
  expect(JSON.stringify(reply.body)).not.toContain('secret text');
});

/** The server's source files, tests left out. */
function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const at = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(at);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.test.ts') ? [at] : [];
  });
}

test('every reason a route names is in the contract, and every reason is named by a route', () => {
  const named = new Set<string>();
  for (const file of sources(import.meta.dirname)) {
    const text = readFileSync(file, 'utf8');
    for (const m of text.matchAll(/(?:httpError|errorBody)\(\s*'([a-z0-9_]+)'/g))
      named.add(m[1] ?? '');
    for (const m of text.matchAll(/reasonOf = \{([^}]*)\}/g)) {
      for (const r of (m[1] ?? '').matchAll(/'([a-z_]+)'/g)) named.add(r[1] ?? '');
    }
  }
  expect([...named].filter((r) => !(apiErrorReasons as readonly string[]).includes(r))).toEqual([]);
  expect(apiErrorReasons.filter((r) => !named.has(r))).toEqual([]);
});
