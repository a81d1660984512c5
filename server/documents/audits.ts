// A campaign's audits as they finished (done, cancelled or failed), one document each on the
// repository the campaigns are on: a later look shows what was known before sending — who ran it,
// when, with which policy version, the counts. `checked` fingerprints what was checked (the
// campaign's content, the policy version, the saved segments' versions) to tell whether it is
// still current. Running audits live in memory (server/campaign-audits.ts).
import { z } from 'zod';
import { campaignAudit } from '../../src/api/contract.ts';
import type { DocumentRepository } from './repository.ts';
import { VersionedDocuments, type DocumentType } from './versioned-documents.ts';

export const auditBody = campaignAudit.omit({ current: true }).extend({
  name: z.string(),
  checked: z.string(),
});
export type AuditBody = z.infer<typeof auditBody>;

export const auditDocuments: DocumentType<AuditBody> = { kind: 'campaign_audit', body: auditBody };

export function auditsOf(repository: DocumentRepository): VersionedDocuments<AuditBody> {
  return new VersionedDocuments(repository, auditDocuments);
}
