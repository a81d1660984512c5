// Why a customer is (or is not) in a segment: for each node of the definition, whether they meet
// it and on what value (the field's value, the count of matching events or orders, the measure).
// The preview shows it beside the message. The JS evaluator (evaluate.ts) is the meaning; the
// trace reports what it decided, node by node, and the root's `held` is its answer.
import { z } from 'zod';

const observed = z.union([z.string(), z.number(), z.boolean(), z.array(z.string()), z.null()]);

/** One node, in the definition's order (depth-first); a group precedes its children. */
export const traceStep = z.strictObject({
  /** The node's id in the definition. */
  node_id: z.string(),
  depth: z.number().int().nonnegative(),
  kind: z.enum(['group', 'condition']),
  /** Whether this customer meets the node, its `negate` applied. */
  held: z.boolean(),
  /**
   * What the condition was tested on: the field's value, the number of matching events or
   * completed orders, the measure, the latest consent status; null for a group or a missing value.
   */
  observed,
});
export type TraceStep = z.infer<typeof traceStep>;
