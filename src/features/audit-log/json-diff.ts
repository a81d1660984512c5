// What a change did to a document, value by value: each change names the path to the value (object
// keys and array indexes joined by dots, `definition.root.children.0.test.value`) with its value
// before and after. Arrays are compared index by index; a value added or removed whole is listed
// leaf by leaf, so that a created document shows every field it was created with.

export type JsonChange =
  | { kind: 'added'; path: string; after: unknown }
  | { kind: 'removed'; path: string; before: unknown }
  | { kind: 'changed'; path: string; before: unknown; after: unknown };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const join = (path: string, key: string) => (path === '' ? key : `${path}.${key}`);

/** An object's or array's children by key; an absent (undefined) member is no child. */
function childrenOf(value: unknown): [string, unknown][] {
  if (Array.isArray(value)) return value.map((child, index) => [String(index), child]);
  if (isRecord(value)) return Object.entries(value).filter(([, child]) => child !== undefined);
  return [];
}

/** The values under `value` that are not containers, or empty ones, each with its path. */
function leaves(value: unknown, path: string, out: [string, unknown][] = []): [string, unknown][] {
  const children = childrenOf(value);
  if (children.length === 0) out.push([path, value]);
  for (const [key, child] of children) leaves(child, join(path, key), out);
  return out;
}

function compare(before: unknown, after: unknown, path: string, out: JsonChange[]): void {
  const bothArrays = Array.isArray(before) && Array.isArray(after);
  if (!bothArrays && !(isRecord(before) && isRecord(after))) {
    // Two values, or an object and an array, or a container and a value: compared whole.
    if (before !== after) out.push({ kind: 'changed', path, before, after });
    return;
  }
  const old = new Map(childrenOf(before));
  const now = new Map(childrenOf(after));
  // In the order of the document after the change, then what it no longer has.
  for (const [key, value] of now) {
    if (old.has(key)) compare(old.get(key), value, join(path, key), out);
    else for (const [at, leaf] of leaves(value, join(path, key))) out.push(added(at, leaf));
  }
  for (const [key, value] of old) {
    if (now.has(key)) continue;
    for (const [at, leaf] of leaves(value, join(path, key))) out.push(removed(at, leaf));
  }
}

const added = (path: string, after: unknown): JsonChange => ({ kind: 'added', path, after });
const removed = (path: string, before: unknown): JsonChange => ({ kind: 'removed', path, before });

/**
 * The changes from `before` to `after`, two JSON documents. A document that is null (or absent)
 * is no document: null before means the change created it (every leaf added), null after that it
 * deleted it (every leaf removed). Inside a document, null is a value like any other.
 */
export function jsonDiff(before: unknown, after: unknown): JsonChange[] {
  const none = (document: unknown) => document === null || document === undefined;
  if (none(before) && none(after)) return [];
  if (none(before)) return leaves(after, '').map(([path, leaf]) => added(path, leaf));
  if (none(after)) return leaves(before, '').map(([path, leaf]) => removed(path, leaf));
  const out: JsonChange[] = [];
  compare(before, after, '', out);
  return out;
}
