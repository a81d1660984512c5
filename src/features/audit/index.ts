// The pre-send audit: the screen and its queries.
export { AuditScreen, type AuditScreenProps } from './AuditScreen.tsx';
export { auditQueries } from './queries.ts';
