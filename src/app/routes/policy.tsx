// The guardrail policy route: /campaigns/policy. The page is src/features/policy.
export function GuardrailPolicyRoute() {
  return null;
}
