// Each kind's document type, for code that handles documents of any kind (the browser demo's
// journal checks replayed bodies against it).
import type { DocumentKind } from './repository.ts';
import { auditDocuments } from './audits.ts';
import { campaignDocuments } from './campaigns.ts';
import { policyDocuments } from './policies.ts';
import { segmentDocuments } from './segments.ts';
import type { DocumentType } from './versioned-documents.ts';

export const documentTypes: { readonly [K in DocumentKind]: DocumentType<{ name: string }> } = {
  segment: segmentDocuments,
  campaign: campaignDocuments,
  guardrail_policy: policyDocuments,
  campaign_audit: auditDocuments,
};
