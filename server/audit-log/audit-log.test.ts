// Every change made through the API is in the audit log with who, when, what, and the document
// before and after; admins read it filtered, paged and as CSV; the DuckDB trail answers as the
// memory one does.
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Hono } from 'hono';
import { auditLogResponse, type AuditEntry, type AuditLogQuery } from '../../src/api/contract.ts';
import { createApi } from '../app.ts';
import { fixedAccess } from '../auth/access.ts';
import { PERMISSIONS } from '../auth/permissions.ts';
import { FIXTURE_AS_OF, fixtureDataset } from '../fixture.ts';
import { openDuckDbStore, type DuckDbStore } from '../stores/duckdb.ts';
import { MemoryStore } from '../stores/memory.ts';
import { AUDITED } from './record.ts';
import { MemoryAuditTrail, type NewAuditEntry } from './trail.ts';

const lyon = (value = 'Lyon') => ({
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    combinator: 'and',
    children: [
      { id: 'c1', kind: 'attribute', field: 'customer.city', test: { operator: 'equals', value } },
    ],
  },
});

/** Writes that change nothing kept: computations a viewer may run, and signing in and out. */
const NOT_CHANGES = new Set([
  'POST /api/segments/count',
  'POST /api/segments/overlap',
  'POST /api/segments/forecast',
  'POST /api/recommendations',
  'POST /api/templates/render',
  'POST /api/auth/sign-in',
  'POST /api/auth/sign-out',
  // An import's files arriving, or dropped before it starts, change nothing (its start is audited).
  'POST /api/imports',
  'PUT /api/imports/:id/files/:name',
  'DELETE /api/imports/:id',
]);

test('every route that changes something, and every export, is audited', () => {
  const changes = PERMISSIONS.filter(([method]) => method !== 'GET')
    .map(([method, path]) => `${method} ${path}`)
    .filter((route) => !NOT_CHANGES.has(route));
  for (const route of changes) expect(AUDITED, route).toContain(route);
  for (const route of [
    'GET /api/campaigns/:id/export',
    'GET /api/segments/:id/members.csv',
    'GET /api/campaigns/:id/recipients.csv',
  ])
    expect(AUDITED).toContain(route);
});

describe('over the API', () => {
  let store: MemoryStore;
  let editor: Hono;
  let admin: Hono;
  beforeAll(() => {
    store = new MemoryStore(fixtureDataset(), FIXTURE_AS_OF);
    const trail = new MemoryAuditTrail();
    editor = createApi(store, {
      access: fixedAccess('editor', 'Ève Martin', { login: 'eve' }),
      auditTrail: trail,
      logErrors: false,
    });
    admin = createApi(store, {
      access: fixedAccess('admin', 'Ada Lovelace', { login: 'ada' }),
      auditTrail: trail,
      logErrors: false,
    });
  });

  const send = async (api: Hono, method: string, path: string, body?: unknown, headers = {}) => {
    const res = await api.request(path, {
      method,
      headers: { 'content-type': 'application/json', ...headers },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, text, body: text.startsWith('{') ? JSON.parse(text) : null };
  };
  const log = async (query = '') =>
    auditLogResponse.parse((await send(admin, 'GET', `/api/audit-log${query}`)).body);

  test('a save, an edit, a refused edit and a deletion: who, what, before and after', async () => {
    const created = await send(editor, 'POST', '/api/segments', {
      name: 'Lyonnais',
      definition: lyon(),
    });
    const id = created.body.segment_id as string;
    const edited = await send(
      editor,
      'PUT',
      `/api/segments/${id}`,
      { name: 'Lyonnais et Grenoblois', definition: lyon('Grenoble') },
      { 'if-match': '"1"' },
    );
    expect(edited.status).toBe(200);
    const refused = await send(
      editor,
      'PUT',
      `/api/segments/${id}`,
      { name: 'X', definition: lyon() },
      { 'if-match': '"1"' },
    );
    expect(refused.status).toBe(412);
    expect(
      (await send(editor, 'DELETE', `/api/segments/${id}`, undefined, { 'if-match': '"2"' }))
        .status,
    ).toBe(204);

    const { entries } = await log(`?target=${id}`);
    expect(entries.map((e) => [e.action, e.version])).toEqual([
      ['segment.delete', null],
      ['segment.update', 2],
      ['segment.create', 1],
    ]);
    const [deleted, update, create] = entries as [AuditEntry, AuditEntry, AuditEntry];
    expect(update.actor).toEqual({
      kind: 'fixed',
      login: 'eve',
      name: 'Ève Martin',
      role: 'editor',
    });
    expect(update.target).toEqual({ kind: 'segment', id, name: 'Lyonnais et Grenoblois' });
    expect(update.before).toMatchObject({ name: 'Lyonnais', definition: lyon() });
    expect(update.after).toMatchObject({
      name: 'Lyonnais et Grenoblois',
      definition: lyon('Grenoble'),
    });
    expect(create.before).toBeNull();
    expect(create.after).toMatchObject({ name: 'Lyonnais' });
    expect(deleted.before).toMatchObject({ name: 'Lyonnais et Grenoblois' });
    expect(deleted.after).toBeNull();
    expect(Date.parse(update.at)).toBeGreaterThanOrEqual(Date.parse(create.at));
  });

  test('exports and refits are recorded; reads and counts are not', async () => {
    const before = (await log()).total;
    await send(editor, 'POST', '/api/segments/count', { definition: lyon() });
    await send(editor, 'GET', '/api/customers/C0000001');
    expect((await log()).total).toBe(before);
    const saved = await send(editor, 'POST', '/api/segments', {
      name: 'Export',
      definition: lyon(),
    });
    const csv = await send(editor, 'GET', `/api/segments/${saved.body.segment_id}/members.csv`);
    expect(csv.status).toBe(200);
    expect((await send(admin, 'POST', '/api/models/clv/refit', {})).status).toBe(202);
    const { entries } = await log('?action=export');
    expect(entries[0]).toMatchObject({
      action: 'export.segment_members',
      target: { kind: 'segment', id: saved.body.segment_id, name: 'Export' },
      actor: { login: 'eve' },
    });
    expect((await log('?action=refit.start')).entries[0]?.actor.login).toBe('ada');
  });

  test('filters, pages and the CSV agree', async () => {
    for (let i = 0; i < 5; i += 1)
      await send(editor, 'POST', '/api/segments', { name: `Page ${i}`, definition: lyon() });
    const all = await log('?actor=eve&action=segment.create&limit=200');
    expect(all.total).toBe(all.entries.length);
    const pages: AuditEntry[] = [];
    let cursor: string | null = '';
    while (cursor !== null) {
      const page = await log(
        `?actor=EVE&action=segment.create&limit=2${cursor === '' ? '' : `&cursor=${cursor}`}`,
      );
      expect(page.total).toBe(all.total);
      pages.push(...page.entries);
      cursor = page.next_cursor;
    }
    expect(pages).toEqual(all.entries);
    expect((await log('?actor=ada&action=segment.create')).total).toBe(0);
    const csv = await send(admin, 'GET', '/api/audit-log.csv?actor=eve&action=segment');
    const lines = csv.text.trim().split('\r\n');
    expect(lines[0]).toMatch(/^entry_id,at,actor_login/);
    expect(lines.length - 1).toBe((await log('?actor=eve&action=segment')).total);
  });

  test('an editor cannot read the log', async () => {
    expect((await send(editor, 'GET', '/api/audit-log')).status).toBe(403);
  });
});

describe('the DuckDB trail answers as the memory one', () => {
  let duck: DuckDbStore;
  beforeAll(async () => {
    duck = await openDuckDbStore({ path: ':memory:' });
  });
  afterAll(() => duck.close());

  test('over the same entries and filters', async () => {
    const memory = new MemoryAuditTrail();
    const trail = duck.auditTrail();
    const actors = [
      { kind: 'session', login: 'eve', name: 'Ève Martin', role: 'editor' },
      { kind: 'token', login: 'token:braze', name: 'braze', role: 'viewer' },
      { kind: 'session', login: 'ada', name: 'Ada Lovelace', role: 'admin' },
    ] as const;
    const actions = [
      'segment.create',
      'segment.update',
      'campaign.update',
      'export.campaign',
    ] as const;
    for (let i = 0; i < 40; i += 1) {
      const entry: NewAuditEntry = {
        at: new Date(Date.UTC(2026, 10, 1 + (i % 9), i % 24)).toISOString(),
        actor: actors[i % 3] ?? actors[0],
        action: actions[i % 4] ?? 'segment.create',
        target: { kind: 'segment', id: `seg_${i % 5}`, name: `Segment ${i % 5}` },
        version: i % 4 === 3 ? null : i,
        before: i % 2 === 0 ? null : { name: 'avant', i },
        after: { name: 'après', i },
        details: { wave: i % 3, note: i % 2 === 0 ? null : 'x' },
      };
      expect(await trail.append(entry)).toEqual(await memory.append(entry));
    }
    const filters: Partial<AuditLogQuery>[] = [
      {},
      { actor: 'ève' },
      { actor: 'BRAZE' },
      { action: 'segment' },
      { action: 'segment.update' },
      { action: 'export' },
      { target: 'seg_3' },
      { from: '2026-11-03', to: '2026-11-05' },
      { actor: 'ada', action: 'campaign', from: '2026-11-02' },
      { limit: 7 },
      { limit: 7, cursor: 'al_000000000030' },
      { target: 'seg_none' },
    ];
    for (const f of filters) {
      const filter: AuditLogQuery = { limit: 50, ...f };
      expect(await trail.query(filter), JSON.stringify(f)).toEqual(await memory.query(filter));
    }
  });
});
