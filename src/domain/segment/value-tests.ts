// The JS form of operators.ts's primitives: a comparison becomes a test on one value (or on a set
// of enum values), compiled once and run per value. What an operator means is operators.ts's
// decision; this file only says how JavaScript checks each primitive.
import type { Comparison } from './definition.ts';
import { inRange, instantOf, type Scalar } from './facts.ts';
import { DYNAMIC_KINDS, comparisonMeaning, type Meaning, type ValueKind } from './operators.ts';
import type { CatalogueType } from '../profile/catalogue.ts';

export type ValueTest = (value: Scalar) => boolean;

const never = (): boolean => false;

/** `fold` remembered for up to 50,000 distinct strings: the same cities and formats recur. */
function remembered(fold: (s: string) => string): (s: string) => string {
  const seen = new Map<string, string>();
  return (s) => {
    let folded = seen.get(s);
    if (folded === undefined) {
      folded = fold(s);
      if (seen.size < 50_000) seen.set(s, folded);
    }
    return folded;
  };
}

const lower = (s: string): string => s.toLowerCase();
const same = (s: string): string => s;

/** Whether a value of the kind is there (a date: a readable instant). */
function presence(kind: ValueKind): ValueTest {
  switch (kind) {
    case 'number':
      return (v) => typeof v === 'number';
    case 'boolean':
      return (v) => typeof v === 'boolean';
    case 'date':
      return (v) => instantOf(v) !== null;
    default:
      return (v) => typeof v === 'string';
  }
}

/** The test of a meaning on a value of `kind` (anything but a set). */
function meaningTest(m: Meaning, kind: ValueKind): ValueTest {
  switch (m.is) {
    case 'never':
      return never;
    case 'present':
      return presence(kind);
    case 'filled':
      return kind === 'string' || kind === 'enum'
        ? (v) => typeof v === 'string' && v !== ''
        : presence(kind);
    case 'blank': {
      const filled = meaningTest({ is: 'filled' }, kind);
      return (v) => !filled(v);
    }
    case 'one_of': {
      if (kind === 'string' || kind === 'enum') {
        const { fold, wanted } = folded(m.values, m.caseless);
        return (v) => typeof v === 'string' && wanted.has(fold(v));
      }
      const xs = m.values;
      return (v) => xs.some((x) => v === x);
    }
    case 'each_of': {
      if (kind === 'string' || kind === 'enum') {
        // Equal to each listed value: they must all fold alike.
        const { fold, wanted } = folded(m.values, m.caseless);
        if (wanted.size > 1) return never;
        return (v) => typeof v === 'string' && (wanted.size === 0 || wanted.has(fold(v)));
      }
      const present = presence(kind);
      const xs = m.values;
      return (v) => present(v) && xs.every((x) => v === x);
    }
    case 'contains':
    case 'starts_with': {
      const fold = m.caseless ? remembered(lower) : same;
      const part = m.caseless ? lower(m.part) : m.part;
      return m.is === 'contains'
        ? (v) => typeof v === 'string' && fold(v).includes(part)
        : (v) => typeof v === 'string' && fold(v).startsWith(part);
    }
    case 'compare':
      return compareTest(m.op, m.value);
    case 'between': {
      const { min, max } = m;
      return (v) => typeof v === 'number' && min <= v && v <= max;
    }
    case 'within': {
      const r = m.range;
      return (v) => {
        const ms = instantOf(v);
        return ms !== null && inRange(ms, r);
      };
    }
    case 'boolean': {
      const b = m.value;
      return (v) => v === b;
    }
    case 'and': {
      const parts = m.parts.map((p) => meaningTest(p, kind));
      const [a, b] = parts;
      if (parts.length === 2 && a && b) return (v) => a(v) && b(v);
      return (v) => parts.every((p) => p(v));
    }
    case 'or': {
      const parts = m.parts.map((p) => meaningTest(p, kind));
      return (v) => parts.some((p) => p(v));
    }
    case 'not': {
      const part = meaningTest(m.part, kind);
      return (v) => !part(v);
    }
  }
}

function compareTest(op: 'gt' | 'gte' | 'lt' | 'lte', x: number): ValueTest {
  switch (op) {
    case 'gt':
      return (v) => typeof v === 'number' && v > x;
    case 'gte':
      return (v) => typeof v === 'number' && v >= x;
    case 'lt':
      return (v) => typeof v === 'number' && v < x;
    case 'lte':
      return (v) => typeof v === 'number' && v <= x;
  }
}

/** Listed strings folded as the values will be (lower-cased when caseless). */
function folded(
  values: readonly (string | number | boolean)[],
  caseless: boolean,
): { fold: (s: string) => string; wanted: ReadonlySet<string> } {
  const strings = values.filter((x): x is string => typeof x === 'string');
  return caseless
    ? { fold: remembered(lower), wanted: new Set(strings.map(lower)) }
    : { fold: same, wanted: new Set(strings) };
}

/** A test on a value of a fixed type (the field's catalogue type). */
export function valueTest(test: Comparison, type: CatalogueType, asOfMs: number): ValueTest {
  return meaningTest(comparisonMeaning(test, type, asOfMs), type);
}

/** A test on a value whose type is its own JSON type (event properties, scores). */
export function dynamicTest(test: Comparison): ValueTest {
  // Dates never apply here, so "today" plays no part.
  const asNumber = valueTest(test, DYNAMIC_KINDS.number, NaN);
  const asBoolean = valueTest(test, DYNAMIC_KINDS.boolean, NaN);
  const asText = valueTest(test, DYNAMIC_KINDS.other, NaN);
  return (v) => {
    if (typeof v === 'number') return asNumber(v);
    if (typeof v === 'boolean') return asBoolean(v);
    return asText(v); // a string, or missing (where every kind agrees)
  };
}

/** A test on a set of enum values (channels used…); an empty set is missing. */
export function setTest(test: Comparison): (values: ReadonlySet<string>) => boolean {
  return setMeaningTest(comparisonMeaning(test, 'set', NaN));
}

function setMeaningTest(m: Meaning): (set: ReadonlySet<string>) => boolean {
  switch (m.is) {
    case 'present':
    case 'filled':
      return (set) => set.size > 0;
    case 'blank':
      return (set) => set.size === 0;
    case 'one_of': {
      const xs = m.values.filter((x): x is string => typeof x === 'string');
      return (set) => xs.some((x) => set.has(x));
    }
    case 'each_of': {
      const xs = m.values.filter((x): x is string => typeof x === 'string');
      return (set) => set.size > 0 && xs.every((x) => set.has(x));
    }
    case 'and': {
      const parts = m.parts.map(setMeaningTest);
      return (set) => parts.every((p) => p(set));
    }
    case 'or': {
      const parts = m.parts.map(setMeaningTest);
      return (set) => parts.some((p) => p(set));
    }
    case 'not': {
      const part = setMeaningTest(m.part);
      return (set) => !part(set);
    }
    default:
      return never; // no other primitive applies to a set (operators.ts gives none)
  }
}
