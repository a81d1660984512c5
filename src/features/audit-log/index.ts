// The audit log feature: an admin's page of every change made through the API (issue 13).
export { AuditLogRoute } from './AuditLogPage.tsx';
export { auditLogQueries } from './queries.ts';
