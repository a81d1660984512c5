// Guardrail policies as versioned documents (kind 'guardrail_policy'), on the same repository as
// segments and campaigns. Every store holds the default policy from its load on (version 1, the
// domain's defaults); campaigns are checked with its current version. The API's SavedPolicy and
// PolicyVersion are mapped from the document and its versions.
import type { PolicyVersion, SavedPolicy } from '../../src/api/contract.ts';
import {
  DEFAULT_POLICY,
  DEFAULT_POLICY_ID,
  guardrailPolicy,
  type GuardrailPolicy,
} from '../../src/domain/guardrails/policy.ts';
import { CREATED_NOTE } from '../../src/domain/version-notes.ts';
import type {
  DocumentRepository,
  DocumentVersion,
  ImportedDocument,
  StoredDocument,
} from './repository.ts';
import { VersionedDocuments, type DocumentType } from './versioned-documents.ts';

export const policyDocuments: DocumentType<GuardrailPolicy> = {
  kind: 'guardrail_policy',
  body: guardrailPolicy,
};

/** Who the history says made the default policy. */
export const DEFAULT_POLICY_AUTHOR = 'Tact';

/** A repository's policies, their bodies checked on the way in and out. */
export function policiesOf(repository: DocumentRepository): VersionedDocuments<GuardrailPolicy> {
  return new VersionedDocuments(repository, policyDocuments);
}

/**
 * What a load brings of policies: the default one at version 1, made at `at` (the data's as-of,
 * so that the demo regenerated in the browser makes the same document each time).
 */
export function loadedPolicies(at: string): ImportedDocument<GuardrailPolicy>[] {
  return [
    {
      id: DEFAULT_POLICY_ID,
      version: 1,
      body: DEFAULT_POLICY,
      author: DEFAULT_POLICY_AUTHOR,
      at,
      note: CREATED_NOTE,
    },
  ];
}

export function savedPolicyOf(document: StoredDocument<GuardrailPolicy>): SavedPolicy {
  return {
    ...document.body,
    policy_id: document.id,
    version: document.version,
    author: document.author,
    created_at: document.created_at,
    updated_at: document.updated_at,
  };
}

export function policyVersionOf(version: DocumentVersion<GuardrailPolicy>): PolicyVersion {
  return {
    ...version.body,
    policy_id: version.id,
    version: version.version,
    author: version.author,
    at: version.at,
    note: version.note,
  };
}

/** A policy as a check uses it: which one, at which version, and its thresholds. */
export interface PolicyInUse {
  policy_id: string;
  version: number;
  policy: GuardrailPolicy;
}

/** The policy campaigns are checked with now: the default policy's current version. */
export async function currentPolicy(repository: DocumentRepository): Promise<PolicyInUse> {
  const document = await policiesOf(repository).get(DEFAULT_POLICY_ID);
  if (document === null) {
    // Every store imports it on load and nothing deletes it: a store without it is broken.
    throw new Error(`The store holds no guardrail policy '${DEFAULT_POLICY_ID}'.`);
  }
  return { policy_id: document.id, version: document.version, policy: document.body };
}
