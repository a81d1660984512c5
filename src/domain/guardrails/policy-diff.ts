// Which settings differ between two versions of a guardrail policy, each named by its dotted path
// in the document (`min_discount_percent`, `caps.all_7_days`, `quiet_hours.sms.start`), in the
// document's order: the history says what a version changed, a conflict what differs from theirs.
import type { GuardrailPolicy } from './policy.ts';

type Leaf = string | number | boolean | null;

function leaves(value: unknown, path: string, out: Map<string, Leaf>): Map<string, Leaf> {
  if (typeof value === 'object' && value !== null && !Array.isArray(value)) {
    for (const [key, child] of Object.entries(value)) {
      leaves(child, path === '' ? key : `${path}.${key}`, out);
    }
  } else if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value === null
  ) {
    out.set(path, value);
  }
  return out;
}

export function policyChanges(before: GuardrailPolicy, after: GuardrailPolicy): string[] {
  const old = leaves(before, '', new Map());
  const now = leaves(after, '', new Map());
  const paths = [...now.keys(), ...[...old.keys()].filter((p) => !now.has(p))];
  return paths.filter((p) => old.get(p) !== now.get(p));
}
