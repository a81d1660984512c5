// The audit log's two routes for component tests, over entries the test gives (newest first): the
// mock API records the test's own changes, so these stubs keep every answer known. They filter as
// the API documents it (part of a login or name, an action or its family, a target id, days in
// UTC), page with the last entry's id as cursor, and record each query they are asked.
import { http, HttpResponse } from 'msw';
import type { AuditEntry } from '../../api/contract/audit-log.ts';

const segmentBody = (name: string, cities: string[]) => ({
  name,
  description: 'Clients du Rhône',
  definition: {
    root: {
      id: 'root',
      kind: 'group',
      combinator: 'and',
      children: [
        {
          id: 'n1',
          kind: 'attribute',
          negate: false,
          field: 'customer.city',
          test: { op: 'in', value: cities },
        },
      ],
    },
  },
});

const bruno = {
  kind: 'session',
  login: 'bruno.durand',
  name: 'Bruno Durand',
  role: 'editor',
} as const;
const alice = {
  kind: 'session',
  login: 'alice.martin',
  name: 'Alice Martin',
  role: 'admin',
} as const;
const crmToken = {
  kind: 'token',
  login: 'token:CRM sync',
  name: 'CRM sync',
  role: 'editor',
} as const;

/** Bruno renamed the Lyonnais segment and added Grenoble to it. */
export const renamed: AuditEntry = {
  entry_id: 'al_000000001234',
  at: '2026-03-02T09:15:00Z',
  actor: bruno,
  action: 'segment.update',
  target: { kind: 'segment', id: 'seg_lyon', name: 'Lyonnais et Grenoblois' },
  version: 4,
  before: segmentBody('Lyonnais', ['Lyon']),
  after: segmentBody('Lyonnais et Grenoblois', ['Lyon', 'Grenoble']),
  details: {},
};

/** Alice deleted the spring campaign, exported the day before by a script. */
export const deletedCampaign: AuditEntry = {
  entry_id: 'al_000000001233',
  at: '2026-03-01T17:00:00Z',
  actor: alice,
  action: 'campaign.delete',
  target: { kind: 'campaign', id: 'cmp_spring', name: 'Printemps' },
  version: null,
  before: { name: 'Printemps', channel: 'email' },
  after: null,
  details: {},
};

/** A Christmas campaign whose HTML template grew long, with markup in it. */
export const longTemplate: AuditEntry = {
  entry_id: 'al_000000001232',
  at: '2026-03-01T08:30:00Z',
  actor: alice,
  action: 'campaign.update',
  target: { kind: 'campaign', id: 'cmp_noel', name: 'Noël' },
  version: 7,
  before: { name: 'Noël', template: { html: '<p>Bonjour</p>' } },
  after: {
    name: 'Noël',
    template: {
      html: `<p>Bonjour <b>{{ customer.first_name }}</b></p>${'<p>Joyeux Noël !</p>'.repeat(12)}`,
    },
  },
  details: {},
};

export const exported: AuditEntry = {
  entry_id: 'al_000000001231',
  at: '2026-02-28T23:30:00Z',
  actor: crmToken,
  action: 'export.campaign',
  target: { kind: 'campaign', id: 'cmp_spring', name: 'Printemps' },
  version: 3,
  before: { name: 'Printemps', channel: 'email' },
  after: { name: 'Printemps', channel: 'email' },
  details: { format: 'csv', wave: 'pilot' },
};

export const policySaved: AuditEntry = {
  entry_id: 'al_000000001230',
  at: '2026-02-27T10:00:00Z',
  actor: alice,
  action: 'policy.update',
  target: { kind: 'policy', id: 'default', name: 'Garde-fous' },
  version: 2,
  before: { name: 'Garde-fous', quiet_hours: { sms: { start: '21:00' } } },
  after: { name: 'Garde-fous', quiet_hours: { sms: { start: '20:00' } } },
  details: {},
};

/** The entries above, then `older` more segment saves by Bruno, a minute apart, down to al_…001. */
export function auditEntries(older = 1229): AuditEntry[] {
  const filler = Array.from({ length: older }, (_, i): AuditEntry => {
    const sequence = older - i;
    return {
      entry_id: `al_${String(sequence).padStart(12, '0')}`,
      at: new Date(Date.parse('2026-02-01T00:00:00Z') + sequence * 60_000).toISOString(),
      actor: bruno,
      action: 'segment.update',
      target: { kind: 'segment', id: `seg_${sequence}`, name: `Segment ${sequence}` },
      version: 2,
      before: { name: `Segment ${sequence}` },
      after: { name: `Segment ${sequence}`, description: 'Relu' },
      details: {},
    };
  });
  return [renamed, deletedCampaign, longTemplate, exported, policySaved, ...filler];
}

function matches(entry: AuditEntry, query: URLSearchParams): boolean {
  const actor = query.get('actor')?.toLowerCase();
  const action = query.get('action');
  const target = query.get('target');
  const day = entry.at.slice(0, 10);
  return (
    (!actor ||
      entry.actor.login.toLowerCase().includes(actor) ||
      entry.actor.name.toLowerCase().includes(actor)) &&
    (!action || entry.action === action || entry.action.startsWith(`${action}.`)) &&
    (!target || entry.target.id === target) &&
    day >= (query.get('from') ?? '') &&
    day <= (query.get('to') ?? '9999')
  );
}

export function fakeAuditLog(entries: readonly AuditEntry[] = auditEntries()) {
  /** Each query of the list, as sent. */
  const asked: Record<string, string>[] = [];
  /** Each query of the CSV, as sent. */
  const askedCsv: Record<string, string>[] = [];
  const handlers = [
    http.get('*/api/audit-log', ({ request }) => {
      const query = new URL(request.url).searchParams;
      asked.push(Object.fromEntries(query));
      const matching = entries.filter((entry) => matches(entry, query));
      const cursor = query.get('cursor');
      const start = cursor === null ? 0 : matching.findIndex((e) => e.entry_id === cursor) + 1;
      const limit = Number(query.get('limit') ?? 50);
      const page = matching.slice(start, start + limit);
      return HttpResponse.json({
        entries: page,
        total: matching.length,
        next_cursor: start + limit < matching.length ? (page.at(-1)?.entry_id ?? null) : null,
      });
    }),
    http.get('*/api/audit-log.csv', ({ request }) => {
      const query = new URL(request.url).searchParams;
      askedCsv.push(Object.fromEntries(query));
      const rows = entries
        .filter((entry) => matches(entry, query))
        .map((e) => `${e.entry_id},${e.at},${e.actor.login},${e.action},${e.target.id}`);
      return new HttpResponse(
        ['entry_id,at,actor_login,action,target_id', ...rows, ''].join('\n'),
        {
          headers: { 'content-type': 'text/csv; charset=utf-8' },
        },
      );
    }),
  ];
  return { handlers, asked, askedCsv };
}
