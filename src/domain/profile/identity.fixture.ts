// Records per source system as the identity-resolution tests write them by hand.
import type { RecordIdentity } from './identity-resolution.ts';
import type { IdentityKind } from './schema.ts';

export const seen = {
  first_seen: '2026-01-01T00:00:00.000Z',
  last_seen: '2026-06-01T00:00:00.000Z',
};

/** An identity seen over the first half of 2026 (an e-mail proved unless said). */
export const id = (kind: IdentityKind, value: string, verified = true): RecordIdentity => ({
  kind,
  value,
  verified,
  ...seen,
});

export const record = (record_id: string, source: string, ...identities: RecordIdentity[]) => ({
  record_id,
  source,
  identities,
});
