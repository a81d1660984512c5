// Records every change made through the API in the audit log (issue 13), in one place: each
// audited route's line says what the change is and what it is made to; the body of a document (a
// segment, a campaign, the policy), a user or a token is read before and after the change. Only a
// change that happened (2xx) is recorded. Exports are reads, recorded because personal data left.
import type { Context, MiddlewareHandler } from 'hono';
import { importJob, type AuditAction, type AuditTargetKind } from '../../src/api/contract.ts';
import { principalOf, type Access } from '../auth/access.ts';
import type { DocumentKind } from '../documents/repository.ts';
import type { ProfileStore } from '../store.ts';
import { tokenSummaryOf, userSummaryOf } from '../routes/auth.ts';
import type { AuditTrail } from './trail.ts';
import { routePattern } from '../route-pattern.ts';

interface Rule {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  pattern: string;
  action: AuditAction;
  target: AuditTargetKind;
  /** Where a create's id is in its answer. */
  createdId?: string;
}

const RULES: readonly Rule[] = [
  {
    method: 'POST',
    pattern: '/api/segments',
    action: 'segment.create',
    target: 'segment',
    createdId: 'segment_id',
  },
  { method: 'PUT', pattern: '/api/segments/:id', action: 'segment.update', target: 'segment' },
  { method: 'DELETE', pattern: '/api/segments/:id', action: 'segment.delete', target: 'segment' },
  {
    method: 'POST',
    pattern: '/api/segments/:id/versions/:v/restore',
    action: 'segment.restore',
    target: 'segment',
  },
  {
    method: 'POST',
    pattern: '/api/campaigns',
    action: 'campaign.create',
    target: 'campaign',
    createdId: 'campaign_id',
  },
  { method: 'PUT', pattern: '/api/campaigns/:id', action: 'campaign.update', target: 'campaign' },
  {
    method: 'DELETE',
    pattern: '/api/campaigns/:id',
    action: 'campaign.delete',
    target: 'campaign',
  },
  {
    method: 'POST',
    pattern: '/api/campaigns/:id/versions/:v/restore',
    action: 'campaign.restore',
    target: 'campaign',
  },
  {
    method: 'POST',
    pattern: '/api/campaigns/:id/remedies',
    action: 'campaign.remedy',
    target: 'campaign',
  },
  {
    method: 'POST',
    pattern: '/api/campaigns/:id/ready',
    action: 'campaign.ready',
    target: 'campaign',
  },
  {
    method: 'POST',
    pattern: '/api/campaigns/:id/audits',
    action: 'audit.start',
    target: 'campaign',
  },
  {
    method: 'DELETE',
    pattern: '/api/campaigns/:id/audits/:auditId',
    action: 'audit.cancel',
    target: 'campaign',
  },
  { method: 'PUT', pattern: '/api/policies/:id', action: 'policy.update', target: 'policy' },
  {
    method: 'POST',
    pattern: '/api/policies/:id/versions/:v/restore',
    action: 'policy.restore',
    target: 'policy',
  },
  {
    method: 'GET',
    pattern: '/api/campaigns/:id/export',
    action: 'export.campaign',
    target: 'campaign',
  },
  {
    method: 'GET',
    pattern: '/api/segments/:id/members.csv',
    action: 'export.segment_members',
    target: 'segment',
  },
  {
    method: 'GET',
    pattern: '/api/campaigns/:id/recipients.csv',
    action: 'export.recipients',
    target: 'campaign',
  },
  { method: 'POST', pattern: '/api/models/clv/refit', action: 'refit.start', target: 'model' },
  {
    method: 'POST',
    pattern: '/api/users',
    action: 'user.create',
    target: 'user',
    createdId: 'user_id',
  },
  { method: 'PATCH', pattern: '/api/users/:id', action: 'user.update', target: 'user' },
  {
    method: 'POST',
    pattern: '/api/tokens',
    action: 'token.create',
    target: 'token',
    createdId: 'token_id',
  },
  { method: 'DELETE', pattern: '/api/tokens/:id', action: 'token.revoke', target: 'token' },
  { method: 'PUT', pattern: '/api/auth/password', action: 'account.password', target: 'user' },
  // An import's files arriving change nothing; its start reads them and, all accepted, writes.
  { method: 'POST', pattern: '/api/imports/:id/start', action: 'import.start', target: 'data' },
];

const DOCUMENT_OF: Partial<Record<AuditTargetKind, DocumentKind>> = {
  segment: 'segment',
  campaign: 'campaign',
  policy: 'guardrail_policy',
};

const compiled = RULES.map((rule) => ({ rule, route: routePattern(rule.pattern) }));

/** The audited rule a request falls under, with its path's parameters; null when not audited. */
export function auditedRule(
  method: string,
  path: string,
): { rule: Rule; params: Record<string, string> } | null {
  for (const { rule, route } of compiled) {
    if (rule.method !== method) continue;
    const params = route.match(path);
    if (params !== null) return { rule, params };
  }
  return null;
}

/** The audited routes, for the test that every write of the route table has one. */
export const AUDITED = RULES.map((r) => `${r.method} ${r.pattern}`);

type Snapshot = { body: unknown; name: string | null; version: number | null } | null;

export function auditTrail(
  store: ProfileStore,
  access: Access,
  trail: AuditTrail,
): MiddlewareHandler {
  const snapshot = async (target: AuditTargetKind, id: string): Promise<Snapshot> => {
    const kind = DOCUMENT_OF[target];
    if (kind !== undefined) {
      const doc = await store.documents.get(kind, id);
      if (doc === null) return null;
      const name =
        typeof doc.body === 'object' && doc.body !== null && 'name' in doc.body
          ? String(doc.body.name)
          : null;
      return { body: doc.body, name, version: doc.version };
    }
    if (access.kind !== 'accounts') return null;
    if (target === 'user') {
      const user = access.accounts.user(id);
      if (user === null) return null;
      return { body: userSummaryOf(user), name: user.login, version: null };
    }
    if (target === 'token') {
      const token = access.accounts.token(id);
      if (token === null) return null;
      return { body: tokenSummaryOf(token), name: token.name, version: null };
    }
    return null;
  };

  return async (c, next) => {
    const found = auditedRule(c.req.method, c.req.path);
    if (found === null) return next();
    const { rule, params } = found;
    const principal = principalOf(c);
    const fixedId =
      rule.action === 'account.password' ? (principal?.id ?? null) : (params.id ?? null);
    const before = fixedId === null ? null : await snapshot(rule.target, fixedId);
    const body = rule.action === 'user.update' ? await requestJson(c) : null;
    await next();
    if (c.res.status >= 300 || principal === null) return;
    const answer =
      rule.createdId !== undefined ||
      rule.action === 'audit.start' ||
      rule.action === 'import.start'
        ? await responseJson(c)
        : null;
    const id =
      fixedId ?? (rule.createdId !== undefined ? field(answer, rule.createdId) : null) ?? '';
    const after = id === '' ? null : await snapshot(rule.target, id);
    const details: Record<string, string | number | boolean | null> = {};
    for (const [key, value] of Object.entries(c.req.query())) details[key] = value;
    if (params.auditId !== undefined) details.audit_id = params.auditId;
    if (rule.action === 'audit.start') details.audit_id = field(answer, 'audit_id');
    if (rule.action === 'import.start') {
      const started = importJob.safeParse(answer);
      if (started.success) {
        details.mode = started.data.mode;
        details.check = started.data.check;
        details.as_of = started.data.as_of;
        details.files = started.data.files.map((f) => f.name).join(', ');
      }
    }
    if (params.v !== undefined) details.restored_version = Number(params.v);
    if (body !== null && typeof body === 'object')
      details.changed = Object.keys(body).sort().join(', ');
    await trail.append({
      at: new Date().toISOString(),
      actor: {
        kind: principal.kind,
        login: principal.login,
        name: principal.name,
        role: principal.role,
      },
      action: rule.action,
      target: {
        kind: rule.target,
        id: rule.target === 'model' ? 'clv' : id,
        name: after?.name ?? before?.name ?? null,
      },
      version: after?.version ?? null,
      before: before?.body ?? null,
      after: after?.body ?? null,
      details,
    });
  };
}

async function requestJson(c: Context): Promise<unknown> {
  try {
    return await c.req.raw.clone().json();
  } catch {
    return null;
  }
}

async function responseJson(c: Context): Promise<unknown> {
  try {
    return await c.res.clone().json();
  } catch {
    return null;
  }
}

function field(value: unknown, key: string): string | null {
  if (typeof value !== 'object' || value === null || !(key in value)) return null;
  const found: unknown = Reflect.get(value, key);
  return typeof found === 'string' ? found : null;
}
