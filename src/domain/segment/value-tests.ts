// The JS form of operators.ts's primitives: a comparison becomes a test on one value (or on a set
// of enum values), compiled once and run per value. What an operator means is operators.ts's
// decision; this file only says how JavaScript checks each primitive.
import type { Comparison } from './definition.ts';
import { inRange, instantOf, type Scalar } from './facts.ts';
import { DYNAMIC_KINDS, comparisonMeaning, type Listed, type Meaning } from './operators.ts';
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

/** How one kind's values are checked: presence, and equality with listed values of type V. */
interface Forms<V extends Listed> {
  present: ValueTest;
  /** Present and, for text, not ''. */
  filled: ValueTest;
  oneOf: (xs: readonly V[], caseless: boolean) => ValueTest;
  eachOf: (xs: readonly V[], caseless: boolean) => ValueTest;
}

/** Listed strings folded as the values will be (lower-cased when caseless). */
function folded(
  xs: readonly string[],
  caseless: boolean,
): { fold: (s: string) => string; wanted: ReadonlySet<string> } {
  return caseless
    ? { fold: remembered(lower), wanted: new Set(xs.map(lower)) }
    : { fold: same, wanted: new Set(xs) };
}

const textForms: Forms<string> = {
  present: (v) => typeof v === 'string',
  filled: (v) => typeof v === 'string' && v !== '',
  oneOf: (xs, caseless) => {
    const { fold, wanted } = folded(xs, caseless);
    return (v) => typeof v === 'string' && wanted.has(fold(v));
  },
  eachOf: (xs, caseless) => {
    // Equal to each listed value: they must all fold alike.
    const { fold, wanted } = folded(xs, caseless);
    if (wanted.size > 1) return never;
    return (v) => typeof v === 'string' && (wanted.size === 0 || wanted.has(fold(v)));
  },
};

function scalarForms<V extends number | boolean>(present: ValueTest): Forms<V> {
  return {
    present,
    filled: present,
    oneOf: (xs) => (v) => xs.some((x) => v === x),
    eachOf: (xs) => (v) => present(v) && xs.every((x) => v === x),
  };
}

/** A date is present when it reads as an instant; equal to a date is `within` its day. */
const readable: ValueTest = (v) => instantOf(v) !== null;
const dateForms: Forms<string> = { ...textForms, present: readable, filled: readable };

/** The test of a meaning on a value of a kind with those forms (anything but a set). */
function meaningTest<V extends Listed>(m: Meaning<V>, forms: Forms<V>): ValueTest {
  switch (m.is) {
    case 'never':
      return never;
    case 'present':
      return forms.present;
    case 'filled':
      return forms.filled;
    case 'blank': {
      const { filled } = forms;
      return (v) => !filled(v);
    }
    case 'one_of':
      return forms.oneOf(m.values, m.caseless);
    case 'each_of':
      return forms.eachOf(m.values, m.caseless);
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
      const parts = m.parts.map((p) => meaningTest(p, forms));
      return (v) => parts.every((p) => p(v));
    }
    case 'or': {
      const parts = m.parts.map((p) => meaningTest(p, forms));
      return (v) => parts.some((p) => p(v));
    }
    case 'not': {
      const part = meaningTest(m.part, forms);
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

/** A test on a value of a fixed type (the field's catalogue type). */
export function valueTest(test: Comparison, type: CatalogueType, asOfMs: number): ValueTest {
  switch (type) {
    case 'string':
    case 'enum':
      return meaningTest(comparisonMeaning(test, type, asOfMs), textForms);
    case 'number':
      return meaningTest(comparisonMeaning(test, type, asOfMs), scalarForms<number>(isNumber));
    case 'boolean':
      return meaningTest(comparisonMeaning(test, type, asOfMs), scalarForms<boolean>(isBoolean));
    case 'date':
      return meaningTest(comparisonMeaning(test, type, asOfMs), dateForms);
  }
}

const isNumber: ValueTest = (v) => typeof v === 'number';
const isBoolean: ValueTest = (v) => typeof v === 'boolean';

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

function setMeaningTest(m: Meaning<string>): (set: ReadonlySet<string>) => boolean {
  switch (m.is) {
    case 'present':
    case 'filled':
      return (set) => set.size > 0;
    case 'blank':
      return (set) => set.size === 0;
    case 'one_of': {
      const xs = m.values;
      return (set) => xs.some((x) => set.has(x));
    }
    case 'each_of': {
      const xs = m.values;
      return (set) => set.size > 0 && xs.every((x) => set.has(x));
    }
    case 'and': {
      const parts = m.parts.map(setMeaningTest);
      return (set) => parts.every((p) => p(set));
    }
    case 'not': {
      const part = setMeaningTest(m.part);
      return (set) => !part(set);
    }
    default:
      return never; // no other primitive applies to a set (operators.ts gives none)
  }
}
