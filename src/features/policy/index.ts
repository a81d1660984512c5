// The guardrail policy feature: the page editing the policy every campaign is checked with.
export { PolicyEditor } from './PolicyEditor.tsx';
export { policyQueries } from './queries.ts';
