// Segment counts and members on the memory store: every customer's facts are gathered once, in id
// order, and definitions are evaluated a column at a time over all of them
// (src/domain/segment/evaluate-columns.ts, with evaluate.ts's meaning); the columns it reads are
// built as first needed and kept for the data's lifetime.
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import {
  CustomerColumns,
  countSelected,
  selectAll,
  type Selection,
} from '../../src/domain/segment/evaluate-columns.ts';
import type { CustomerFacts } from '../../src/domain/segment/facts.ts';
import { compareText } from '../../src/domain/compare.ts';

export class MemorySegmentIndex {
  private readonly facts: CustomerFacts[];
  private readonly columns: CustomerColumns;

  /** `facts`: every customer's, in any order (the index keeps its own copy in id order). */
  constructor(
    facts: readonly CustomerFacts[],
    private readonly asOf: string,
  ) {
    this.facts = [...facts].sort((a, b) =>
      compareText(a.customer.customer_id, b.customer.customer_id),
    );
    this.columns = new CustomerColumns(this.facts, asOf);
  }

  private select(
    definitions: readonly SegmentDefinition[],
    segments: ReadonlyMap<string, SegmentDefinition>,
  ): Selection[] {
    return selectAll(this.columns, definitions, { asOf: this.asOf, segments });
  }

  count(definition: SegmentDefinition, segments: ReadonlyMap<string, SegmentDefinition>): number {
    const [selected] = this.select([definition], segments);
    return selected ? countSelected(selected) : 0;
  }

  /**
   * How many customers each definition selects, evaluated together (nodes they share once).
   * `member` sees each customer the first definition selects, in id order.
   */
  countAll(
    definitions: readonly SegmentDefinition[],
    segments: ReadonlyMap<string, SegmentDefinition>,
    member?: (facts: CustomerFacts) => void,
  ): number[] {
    const selections = this.select(definitions, segments);
    const [first] = selections;
    if (member && first) {
      this.facts.forEach((f, i) => {
        if (first[i] === 1) member(f);
      });
    }
    return selections.map(countSelected);
  }

  /** At most `limit` member ids after `afterId` (exclusive), in id order. */
  members(
    definition: SegmentDefinition,
    segments: ReadonlyMap<string, SegmentDefinition>,
    limit: number,
    afterId?: string,
  ): string[] {
    const [selected] = this.select([definition], segments);
    const top = Number.isNaN(limit) ? 0 : Math.max(0, Math.floor(limit));
    const out: string[] = [];
    if (!selected) return out;
    for (const [i, f] of this.facts.entries()) {
      if (out.length >= top) break;
      const id = f.customer.customer_id;
      if (afterId !== undefined && id <= afterId) continue;
      if (selected[i] === 1) out.push(id);
    }
    return out;
  }
}
