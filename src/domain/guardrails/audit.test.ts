import { describe, expect, test } from 'vitest';
import { countAudit, flaggedBy, readyDecision, withoutExcluded } from './audit.ts';
import { listedRecipient } from './recipient-list.ts';
import type { GuardrailId, Severity, Verdict } from './verdict.ts';

/** A verdict of `guardrail` whose params nobody reads here. */
function verdict(guardrail: GuardrailId, severity: Severity): Verdict {
  const params = { rule: 'expired', valid_from: null, valid_to: null, send_day: '2026-12-01' };
  return { guardrail, severity, params, evidence: [] } as Verdict;
}

const member = (id: string, verdicts: Verdict[] = []) =>
  listedRecipient({ customer_id: id, first_name: null, last_name: null, email: null }, verdicts);

const members = [
  member('C1', [verdict('already_owned', 'block'), verdict('meaningless_discount', 'block')]),
  member('C2'),
  member('C3', [verdict('missing_data', 'block'), verdict('missing_data', 'warn')]),
  member('C4', [verdict('missing_data', 'warn'), verdict('preference_mismatch', 'warn')]),
  member('C5', [verdict('already_owned', 'block')]),
];

describe('the audit’s counts', () => {
  test('count recipients, not verdicts, per guardrail with those it blocks', () => {
    const counts = countAudit(members, new Set());
    expect(counts).toMatchObject({
      members: 5,
      excluded: 0,
      recipients: 5,
      flagged: 4,
      blocked: 3,
    });
    expect(counts.by_guardrail.already_owned).toEqual({ flagged: 2, blocking: 2 });
    expect(counts.by_guardrail.missing_data).toEqual({ flagged: 2, blocking: 1 });
    expect(counts.by_guardrail.preference_mismatch).toEqual({ flagged: 1, blocking: 0 });
    expect(counts.by_guardrail.quiet_hours).toEqual({ flagged: 0, blocking: 0 });
    expect(Object.keys(counts.by_guardrail)).toHaveLength(11);
  });

  test('leave the excluded out of every figure but the members', () => {
    const excluded = new Set(['C1', 'C5', 'C9']);
    const counts = countAudit(members, excluded);
    expect(counts).toMatchObject({
      members: 5,
      excluded: 2,
      recipients: 3,
      flagged: 2,
      blocked: 1,
    });
    expect(counts.by_guardrail.already_owned).toEqual({ flagged: 0, blocking: 0 });
    expect(counts.by_guardrail.meaningless_discount).toEqual({ flagged: 0, blocking: 0 });
    expect(withoutExcluded(members, excluded).map((m) => m.summary.customer_id)).toEqual([
      'C2',
      'C3',
      'C4',
    ]);
  });

  test('list a guardrail’s flagged recipients, the excluded left out', () => {
    expect(flaggedBy(members, 'already_owned', new Set())).toEqual(['C1', 'C5']);
    expect(flaggedBy(members, 'already_owned', new Set(['C5']))).toEqual(['C1']);
    expect(flaggedBy(members, 'quiet_hours', new Set())).toEqual([]);
  });
});

describe('marking ready', () => {
  test('needs no reason when nobody is blocked', () => {
    const clean = countAudit(members, new Set(['C1', 'C3', 'C5']));
    expect(clean.blocked).toBe(0);
    expect(readyDecision(clean, null)).toEqual({ ready: true, override: null });
    // A reason given anyway is not an override.
    expect(readyDecision(clean, 'just because')).toEqual({ ready: true, override: null });
  });

  test.each([null, '', '   \n'])(
    'is refused with blocked recipients and no reason (%j)',
    (reason) => {
      expect(readyDecision(countAudit(members, new Set()), reason)).toEqual({
        ready: false,
        blocked: 3,
        guardrails: ['already_owned', 'meaningless_discount', 'missing_data'],
      });
    },
  );

  test('records a written reason as an override with the blocked count', () => {
    expect(readyDecision(countAudit(members, new Set()), '  Validé par la direction  ')).toEqual({
      ready: true,
      override: { reason: 'Validé par la direction', blocked: 3 },
    });
  });
});
