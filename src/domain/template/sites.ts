// Where each token of a parsed template is and what it reads: its line and column, its text, the
// field its expression starts from (a loop variable resolved to its list: `r.title` inside
// `{% for r in recommendations %}` reads `recommendations[].title`) and its filters. Keyed by the
// token objects liquidjs hands to filters (`this.token`), so a filter knows which token it serves.
import { ForTag, TypeGuards, Value, toValueSync, type Template, type Token } from 'liquidjs';

export interface TokenSite {
  line: number;
  column: number;
  /** The output or tag as written: `{{ customer.first_name | default: 'Bonjour' }}`. */
  source: string;
  /** The field of fields.ts it reads, when its expression is a plain path; else null. */
  field: string | null;
  /** Its filters' names, in order. */
  chain: readonly string[];
}

const PATH = /^[A-Za-z_][\w-]*(?:\.[A-Za-z_][\w-]*|\[\d+\])*$/;

/** A written path as fields.ts spells it: `recommendations[0].title` → `recommendations[].title`. */
function fieldPath(text: string, aliases: ReadonlyMap<string, string | null>): string | null {
  const written = text.trim();
  if (!PATH.test(written)) return null;
  const path = written.replace(/\[\d+\]/g, '[]').replace(/\.(?:first|last)(?=\.|$)/g, '[]');
  const root = /^[A-Za-z_][\w-]*/.exec(path)?.[0] ?? '';
  if (!aliases.has(root)) return path;
  const list = aliases.get(root);
  return list === null || list === undefined ? null : list + path.slice(root.length);
}

function initialField(value: Value, aliases: ReadonlyMap<string, string | null>): string | null {
  const [only, ...more] = value.initial.postfix;
  if (only === undefined || more.length > 0 || !TypeGuards.isPropertyAccessToken(only)) return null;
  return fieldPath(only.getText(), aliases);
}

/** Every token of `templates` (and of the blocks inside them) that a filter may be called from. */
export function tokenSites(templates: readonly Template[]): WeakMap<object, TokenSite> {
  const sites = new WeakMap<object, TokenSite>();

  function register(value: Value, owner: Token, aliases: ReadonlyMap<string, string | null>) {
    const [line = 1, column = 1] = owner.getPosition();
    const site: TokenSite = {
      line,
      column,
      source: owner.getText(),
      field: initialField(value, aliases),
      // The escaping liquidjs appends to outputs is not one of the template's filters.
      chain: value.filters.map((f) => f.name).filter((name) => /^[\w-]+$/.test(name)),
    };
    // The escaping filter of an output, and an echo tag's own token, reach our output observer.
    sites.set(owner, site);
    for (const filter of value.filters) sites.set(filter['token'], site);
  }

  function visit(list: readonly Template[], aliases: ReadonlyMap<string, string | null>) {
    for (const node of list) {
      for (const argument of node.arguments?.() ?? []) {
        if (argument instanceof Value) register(argument, node.token, aliases);
      }
      if (!node.children) continue;
      let inner = aliases;
      if (node instanceof ForTag) {
        const list = fieldPath(node.collection.getText(), aliases);
        inner = new Map(aliases).set(node.variable, list === null ? null : `${list}[]`);
      }
      visit(toValueSync(node.children(false, true)), inner);
    }
  }

  visit(templates, new Map());
  return sites;
}
