// Segment counts and members on the memory store: every customer's facts are gathered once, then
// each definition is compiled once (src/domain/segment/evaluate.ts) and run over them.
import type { Dataset } from '../../src/domain/profile/schema.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { compileEvaluator } from '../../src/domain/segment/evaluate.ts';
import { buildFacts, type CustomerFacts } from '../../src/domain/segment/facts.ts';
import { compareText } from '../../src/domain/compare.ts';

export class MemorySegmentIndex {
  private readonly facts: CustomerFacts[];

  constructor(
    dataset: Dataset,
    private readonly asOf: string,
  ) {
    this.facts = buildFacts(dataset).sort((a, b) =>
      compareText(a.customer.customer_id, b.customer.customer_id),
    );
  }

  count(definition: SegmentDefinition, segments: ReadonlyMap<string, SegmentDefinition>): number {
    const matches = compileEvaluator(definition, { asOf: this.asOf, segments });
    let n = 0;
    for (const f of this.facts) if (matches(f)) n += 1;
    return n;
  }

  /** At most `limit` member ids after `afterId` (exclusive), in id order. */
  members(
    definition: SegmentDefinition,
    segments: ReadonlyMap<string, SegmentDefinition>,
    limit: number,
    afterId?: string,
  ): string[] {
    const matches = compileEvaluator(definition, { asOf: this.asOf, segments });
    const top = Number.isNaN(limit) ? 0 : Math.max(0, Math.floor(limit));
    const out: string[] = [];
    for (const f of this.facts) {
      if (out.length >= top) break;
      const id = f.customer.customer_id;
      if (afterId !== undefined && id <= afterId) continue;
      if (matches(f)) out.push(id);
    }
    return out;
  }
}
