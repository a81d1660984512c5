// What each route of the API needs (decision 035), in one table a reviewer reads at a glance.
// `public` needs nothing; `signed_in` any role; a role needs that role or one above it. The gate
// (access.ts) refuses what the table does not allow; server/auth/permissions.test.ts fails when a
// route of the app has no line here, so a new route cannot ship undeclared.
import type { Role } from '../../src/api/contract.ts';
import { routePattern } from '../route-pattern.ts';

export type Need = 'public' | 'signed_in' | Role;
type Method = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

export const PERMISSIONS: readonly (readonly [Method, string, Need])[] = [
  ['GET', '/api/health', 'public'],
  ['GET', '/api/auth/session', 'public'],
  ['POST', '/api/auth/sign-in', 'public'],
  ['POST', '/api/auth/sign-out', 'signed_in'],
  ['PUT', '/api/auth/password', 'signed_in'],
  // Users and API tokens.
  ['GET', '/api/users', 'admin'],
  ['POST', '/api/users', 'admin'],
  ['PATCH', '/api/users/:id', 'admin'],
  ['GET', '/api/tokens', 'admin'],
  ['POST', '/api/tokens', 'admin'],
  ['DELETE', '/api/tokens/:id', 'admin'],
  // Importing a retailer's files: replaces or updates every customer's data.
  ['GET', '/api/imports', 'admin'],
  ['POST', '/api/imports', 'admin'],
  ['GET', '/api/imports/:id', 'admin'],
  ['PUT', '/api/imports/:id/files/:name', 'admin'],
  ['POST', '/api/imports/:id/start', 'admin'],
  ['DELETE', '/api/imports/:id', 'admin'],
  // The audit log: who changed what.
  ['GET', '/api/audit-log', 'admin'],
  ['GET', '/api/audit-log.csv', 'admin'],
  // Customers: read by all (masked for viewers).
  ['GET', '/api/catalogue', 'viewer'],
  ['GET', '/api/customers', 'viewer'],
  ['GET', '/api/customers/:id', 'viewer'],
  ['GET', '/api/customers/:id/timeline', 'viewer'],
  ['GET', '/api/customers/:id/scores', 'viewer'],
  // Models: refitting is an admin's.
  ['GET', '/api/models/clv', 'viewer'],
  ['GET', '/api/models/clv/refit', 'viewer'],
  ['POST', '/api/models/clv/refit', 'admin'],
  // Segments: counting, comparing and forecasting change nothing.
  ['POST', '/api/segments/count', 'viewer'],
  ['POST', '/api/segments/overlap', 'viewer'],
  ['POST', '/api/segments/forecast', 'viewer'],
  ['GET', '/api/segments', 'viewer'],
  ['POST', '/api/segments', 'editor'],
  ['GET', '/api/segments/:id', 'viewer'],
  ['PUT', '/api/segments/:id', 'editor'],
  ['DELETE', '/api/segments/:id', 'editor'],
  ['GET', '/api/segments/:id/versions', 'viewer'],
  ['GET', '/api/segments/:id/versions/:v', 'viewer'],
  ['POST', '/api/segments/:id/versions/:v/restore', 'editor'],
  ['GET', '/api/segments/:id/audiences', 'viewer'],
  ['GET', '/api/segments/:id/diff', 'viewer'],
  ['GET', '/api/segments/:id/members', 'viewer'],
  ['GET', '/api/segments/:id/members.csv', 'viewer'],
  // Campaigns, their preview, audits and the sending file.
  ['GET', '/api/campaigns', 'viewer'],
  ['POST', '/api/campaigns', 'editor'],
  ['GET', '/api/campaigns/:id', 'viewer'],
  ['PUT', '/api/campaigns/:id', 'editor'],
  ['DELETE', '/api/campaigns/:id', 'editor'],
  ['GET', '/api/campaigns/:id/versions', 'viewer'],
  ['GET', '/api/campaigns/:id/versions/:v', 'viewer'],
  ['GET', '/api/campaigns/:id/diff', 'viewer'],
  ['POST', '/api/campaigns/:id/versions/:v/restore', 'editor'],
  ['GET', '/api/campaigns/:id/recipients', 'viewer'],
  ['GET', '/api/campaigns/:id/recipients.csv', 'viewer'],
  ['GET', '/api/campaigns/:id/preview/:customerId', 'viewer'],
  ['POST', '/api/campaigns/:id/audits', 'editor'],
  ['GET', '/api/campaigns/:id/audits', 'viewer'],
  ['GET', '/api/campaigns/:id/audits/:auditId', 'viewer'],
  ['DELETE', '/api/campaigns/:id/audits/:auditId', 'editor'],
  ['POST', '/api/campaigns/:id/remedies', 'editor'],
  ['POST', '/api/campaigns/:id/ready', 'editor'],
  ['GET', '/api/campaigns/:id/rollout', 'viewer'],
  // The file the sending platform sends from: real addresses, so an editor's (or a token's).
  ['GET', '/api/campaigns/:id/export', 'editor'],
  ['GET', '/api/campaigns/:id/forecast', 'viewer'],
  // The guardrail policy: everyone reads it, an admin changes it.
  ['GET', '/api/policies/:id', 'viewer'],
  ['PUT', '/api/policies/:id', 'admin'],
  ['GET', '/api/policies/:id/versions', 'viewer'],
  ['GET', '/api/policies/:id/versions/:v', 'viewer'],
  ['POST', '/api/policies/:id/versions/:v/restore', 'admin'],
  ['GET', '/api/dashboards/buyers', 'viewer'],
  ['GET', '/api/dashboards/propensity', 'viewer'],
  ['GET', '/api/dashboards/campaigns', 'viewer'],
  ['GET', '/api/dashboards/segments', 'viewer'],
  ['GET', '/api/dashboards/quality', 'viewer'],
  ['GET', '/api/dashboards/quality/customers', 'viewer'],
  ['GET', '/api/dashboards/value', 'viewer'],
  ['POST', '/api/recommendations', 'viewer'],
  ['GET', '/api/templates/fields', 'viewer'],
  ['POST', '/api/templates/render', 'viewer'],
];

const RANK: Readonly<Record<Role, number>> = { viewer: 1, editor: 2, admin: 3 };

/** Whether `role` may do what `need` asks. */
export function allows(role: Role, need: Need): boolean {
  if (need === 'public' || need === 'signed_in') return true;
  return RANK[role] >= RANK[need];
}

const compiled = PERMISSIONS.map(([method, pattern, need]) => ({
  method,
  route: routePattern(pattern),
  need,
}));

/**
 * What a request needs: its route's line (the first whose pattern matches, literal segments
 * before parameters as Hono routes them), or null when no route matches (the answer is then 404
 * to anyone signed in).
 */
export function needOf(method: string, path: string): { pattern: string; need: Need } | null {
  const verb = method === 'HEAD' ? 'GET' : method;
  let best: (typeof compiled)[number] | null = null;
  for (const line of compiled) {
    if (line.method !== verb || line.route.match(path) === null) continue;
    if (best === null || line.route.literals > best.route.literals) best = line;
  }
  return best === null ? null : { pattern: best.route.pattern, need: best.need };
}
