// The HTTP contract of the profile API: one zod schema per request and response, shared by the
// browser client, the Hono server (both stores) and the tests. Each resource has its module in
// contract/; server/ and mocks/ may import only this file (eslint/boundaries.js), so it re-exports
// them all.
export * from './contract/errors.ts';
export * from './contract/meta.ts';
export * from './contract/customers.ts';
export * from './contract/segment-count.ts';
export * from './contract/segments.ts';
export * from './contract/segment-members.ts';
export * from './contract/segment-overlap.ts';
export * from './contract/scores.ts';
export * from './contract/campaigns.ts';
export * from './contract/policies.ts';
export * from './contract/dashboards.ts';
export * from './contract/recommendations.ts';
export * from './contract/templates.ts';
export * from './contract/preview.ts';
export * from './contract/audits.ts';
export * from './contract/forecast.ts';
export * from './contract/auth.ts';
export * from './contract/audit-log.ts';
export * from './contract/imports.ts';
