// A set of customers as one bit per customer_no (0 … customers - 1), laid out as DuckDB's BIT
// value from `bitstring_agg(customer_no, 0, customers - 1)`: a first byte saying how many padding
// bits lead, then the bits most significant first (the padding bits are the high bits of the
// second byte, and DuckDB sets them to 1). Sets of the same size combine byte by byte, so a count plan's definitions are
// worked out from their conditions' sets without another statement (duckdb-condition-bits.ts).
import type { Condition, SegmentNode } from '../../src/domain/segment/definition.ts';

export interface MemberBits {
  readonly customers: number;
  /** DuckDB's BIT bytes: [padding, ...bits]. */
  readonly data: Uint8Array;
}

const padding = (customers: number) => (8 - (customers % 8)) % 8;
/** The second byte's bits that are customers (the others are padding). */
const firstByteMask = (pad: number) => 0xff >> pad;

/** Nobody, among `customers`. */
export function noMembers(customers: number): MemberBits {
  const data = new Uint8Array(Math.ceil(customers / 8) + 1);
  const pad = padding(customers);
  data[0] = pad;
  if (data.length > 1) data[1] = ~firstByteMask(pad) & 0xff;
  return { customers, data };
}

/** A BIT value read from DuckDB (null: no customer had a row), checked against its size. */
export function memberBitsOf(data: Uint8Array | null, customers: number): MemberBits {
  if (data === null) return noMembers(customers);
  if (data.length !== Math.ceil(customers / 8) + 1 || data[0] !== padding(customers))
    throw new Error(`A member set of ${String(customers)} customers was read with a wrong size.`);
  return { customers, data };
}

function combined(a: MemberBits, b: MemberBits, op: (x: number, y: number) => number): MemberBits {
  if (a.customers !== b.customers) throw new Error('Member sets of different sizes.');
  const data = new Uint8Array(a.data.length);
  data[0] = a.data[0] ?? 0;
  for (let i = 1; i < data.length; i += 1) data[i] = op(a.data[i] ?? 0, b.data[i] ?? 0);
  return { customers: a.customers, data };
}

export const bothOf = (a: MemberBits, b: MemberBits) => combined(a, b, (x, y) => x & y);
export const eitherOf = (a: MemberBits, b: MemberBits) => combined(a, b, (x, y) => x | y);

/** Everyone not in `a` (the padding bits stay set). */
export function othersThan(a: MemberBits): MemberBits {
  const data = new Uint8Array(a.data.length);
  const pad = a.data[0] ?? 0;
  data[0] = pad;
  for (let i = 1; i < data.length; i += 1) data[i] = ~(a.data[i] ?? 0) & 0xff;
  if (data.length > 1) data[1] = (data[1] ?? 0) | (~firstByteMask(pad) & 0xff);
  return { customers: a.customers, data };
}

const ONES = Uint8Array.from({ length: 256 }, (_, byte) => {
  let n = 0;
  for (let b = byte; b > 0; b >>= 1) n += b & 1;
  return n;
});

export function memberCount(a: MemberBits): number {
  let n = ONES[(a.data[1] ?? 0) & firstByteMask(a.data[0] ?? 0)] ?? 0;
  for (let i = 2; i < a.data.length; i += 1) n += ONES[a.data[i] ?? 0] ?? 0;
  return n;
}

/** The first `limit` members' customer_no, ascending. */
export function firstMembers(a: MemberBits, limit: number): number[] {
  const found: number[] = [];
  const pad = a.data[0] ?? 0;
  for (let i = 1; i < a.data.length && found.length < limit; i += 1) {
    const byte = (a.data[i] ?? 0) & (i === 1 ? firstByteMask(pad) : 0xff);
    if (byte === 0) continue;
    for (let bit = 7; bit >= 0 && found.length < limit; bit -= 1)
      if ((byte >> bit) & 1) found.push((i - 1) * 8 + (7 - bit) - pad);
  }
  return found;
}

/**
 * A definition's node as a set, from its conditions' sets (`condition` gives a condition's
 * members as if it were not negated): AND and OR of the children, an empty group nobody, a
 * negated node everyone else — as the SQL walk says them (src/domain/segment/sql-tree.ts), where
 * every condition is coalesced to true or false.
 */
export function membersOfNode(
  node: SegmentNode,
  customers: number,
  condition: (node: Condition) => MemberBits,
): MemberBits {
  let set: MemberBits;
  if (node.kind === 'group') {
    const children = node.children.map((child) => membersOfNode(child, customers, condition));
    const [head, ...rest] = children;
    set =
      head === undefined
        ? noMembers(customers)
        : rest.reduce(node.combinator === 'and' ? bothOf : eitherOf, head);
  } else set = condition(node);
  return node.negate ? othersThan(set) : set;
}
