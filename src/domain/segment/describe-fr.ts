// A definition in plain French, with French grammar rather than the English sentence word for word:
// agreement, plurals from 2, a negated behaviour as its opposite count, other negations as
// « sauf ceux … ». Words come from phrasebook-fr.ts. Plain text, like the English: values are only
// quoted.
import type {
  BehaviourCondition,
  Comparison,
  Condition,
  Group,
  SegmentDefinition,
  SegmentNode,
  TimeWindow,
} from './definition.ts';
import {
  aggregateField,
  attributeField,
  behaviourFilterField,
  scoreField,
  type FieldCatalogue,
  type FieldInfo,
} from './catalogue-view.ts';
import { isCalendarDate } from './validate-comparison.ts';
import { NO_WORDS, wordFor, type ValueWords } from './value-words.ts';
import {
  CONSENT_CHANNELS,
  EVENTS,
  LIST_SHOWN,
  agree,
  capitalise,
  conjugate,
  doesNot,
  euroFormat,
  event,
  formatDateFr,
  is,
  isNot,
  joinPlaces,
  nounOf,
  num,
  placesOf,
  plural,
  quote,
  words,
  type Noun,
  type Scalar,
} from './phrasebook-fr.ts';

type SegmentNames = ReadonlyMap<string, string>;
interface Context {
  catalogue: FieldCatalogue;
  names: SegmentNames;
  /** Words for known codes of enum and list fields (gold → Or); a code missing stays as typed. */
  valueWords: ValueWords;
}

function formatValue(
  field: FieldInfo | undefined,
  noun: Noun,
  value: Scalar,
  valueWords: ValueWords,
): string {
  if (typeof value === 'number') {
    if (noun.unit === 'cents') return euroFormat.format(value / 100);
    if (noun.unit === 'euros') return euroFormat.format(value);
    return num(value);
  }
  if (typeof value === 'boolean') return value ? 'oui' : 'non';
  return field?.type === 'date' && isCalendarDate(value)
    ? `le ${formatDateFr(value)}`
    : quote(wordFor(field, value, valueWords));
}

function valueList(
  field: FieldInfo | undefined,
  noun: Noun,
  values: readonly Scalar[],
  last: 'ou' | 'et',
  valueWords: ValueWords,
): string {
  const shown = values.slice(0, LIST_SHOWN).map((v) => formatValue(field, noun, v, valueWords));
  const rest = values.length - shown.length;
  if (rest > 0) {
    return `${shown.join(', ')} ${last} ${num(rest)} ${plural(rest, 'autre valeur', 'autres valeurs')}`;
  }
  if (shown.length < 2) return shown.join('');
  return `${shown.slice(0, -1).join(', ')} ${last} ${shown.at(-1)}`;
}

/** « ni « a » ni « b » », « ni « a », ni « b », ni « c » ». */
function neitherList(
  field: FieldInfo | undefined,
  noun: Noun,
  values: readonly Scalar[],
  valueWords: ValueWords,
): string {
  const shown = values
    .slice(0, LIST_SHOWN)
    .map((v) => `ni ${formatValue(field, noun, v, valueWords)}`);
  const rest = values.length - shown.length;
  if (rest > 0) shown.push(`ni ${num(rest)} ${plural(rest, 'autre valeur', 'autres valeurs')}`);
  return shown.join(shown.length > 2 ? ', ' : ' ');
}

const lastDays = (n: number) => (n === 1 ? 'le dernier jour' : `les ${num(n)} derniers jours`);
const bound = (field: FieldInfo | undefined, noun: Noun, value: Scalar) =>
  typeof value === 'string'
    ? `le ${formatDateFr(value)}`
    : formatValue(field, noun, value, NO_WORDS);

/** The test as it reads after the field's noun: « est « Paris » ou « Lyon » ». */
function comparisonText(
  noun: Noun,
  field: FieldInfo | undefined,
  test: Comparison,
  valueWords: ValueWords,
): string {
  const value = (v: Scalar) => formatValue(field, noun, v, valueWords);
  const set = field?.type === 'set';
  switch (test.operator) {
    case 'equals':
      return typeof test.value === 'number'
        ? `${is(noun)} de ${value(test.value)}`
        : `${is(noun)} ${value(test.value)}`;
    case 'not_equals':
      return typeof test.value === 'number'
        ? `${is(noun)} ${agree(noun, 'différent')} de ${value(test.value)}`
        : `${isNot(noun)} ${value(test.value)}`;
    case 'contains':
      return `${conjugate(noun, 'contient', 'contiennent')} ${quote(test.value)}`;
    case 'starts_with':
      return `${conjugate(noun, 'commence', 'commencent')} par ${quote(test.value)}`;
    case 'gt':
      return `${is(noun)} ${agree(noun, 'supérieur')} à ${value(test.value)}`;
    case 'gte':
      return `${is(noun)} d’au moins ${value(test.value)}`;
    case 'lt':
      return `${is(noun)} ${agree(noun, 'inférieur')} à ${value(test.value)}`;
    case 'lte':
      return `${is(noun)} d’au plus ${value(test.value)}`;
    case 'before':
      return `${is(noun)} avant le ${formatDateFr(test.value)}`;
    case 'after':
      return `${is(noun)} après le ${formatDateFr(test.value)}`;
    case 'between': {
      const range = `entre ${bound(field, noun, test.min)} et ${bound(field, noun, test.max)}`;
      return typeof test.min === 'number' && typeof test.max === 'number'
        ? `${is(noun)} ${agree(noun, 'compris')} ${range}`
        : `${is(noun)} ${range}`;
    }
    case 'in':
      if (test.values.length === 0) return `${is(noun)} dans une liste vide`;
      return set
        ? `${conjugate(noun, 'comprend', 'comprennent')} ${valueList(field, noun, test.values, 'ou', valueWords)}`
        : `${is(noun)} ${valueList(field, noun, test.values, 'ou', valueWords)}`;
    case 'not_in': {
      if (test.values.length === 0) return `${isNot(noun)} dans une liste vide`;
      const [only] = test.values;
      if (test.values.length === 1 && only !== undefined) {
        return `${doesNot(noun, set)} pas ${value(only)}`;
      }
      return `${doesNot(noun, set)} ${neitherList(field, noun, test.values, valueWords)}`;
    }
    case 'all_of':
      if (test.values.length === 0)
        return `${conjugate(noun, 'comprend', 'comprennent')} une liste vide`;
      return `${conjugate(noun, 'comprend', 'comprennent')} ${valueList(field, noun, test.values, 'et', valueWords)}`;
    case 'in_last_days':
      return `${is(noun)} dans ${lastDays(test.days)}`;
    case 'not_in_last_days':
      return `${isNot(noun)} dans ${lastDays(test.days)}`;
    case 'is_empty':
      return set
        ? `${doesNot(noun, true)} aucune valeur`
        : `${isNot(noun)} ${agree(noun, 'renseigné')}`;
    case 'is_set':
      return `${is(noun)} ${agree(noun, 'renseigné')}`;
    case 'is_true':
      return `${conjugate(noun, 'vaut', 'valent')} oui`;
    case 'is_false':
      return `${conjugate(noun, 'vaut', 'valent')} non`;
  }
}

/** When a behaviour or aggregate counts; empty for "ever", the default reading. */
function windowText(window: TimeWindow): string {
  switch (window.type) {
    case 'ever':
      return '';
    case 'last_days':
      return window.days === 1
        ? 'au cours du dernier jour'
        : `au cours des ${num(window.days)} derniers jours`;
    case 'between':
      return `entre le ${formatDateFr(window.from)} et le ${formatDateFr(window.to)}`;
    case 'before':
      return `avant le ${formatDateFr(window.date)}`;
    case 'after':
      return `après le ${formatDateFr(window.date)}`;
  }
}

/**
 * A count of events or orders, and its exact opposite: counts are never missing, so "not at
 * least 3" is "at most 2" and "not never" is "at least once".
 */
type Count =
  | { kind: 'none' }
  | { kind: 'any' }
  | { kind: 'impossible' }
  | { kind: 'at_least' | 'at_most' | 'exactly' | 'not_exactly'; n: number };

function countOf({ operator, value }: BehaviourCondition['count']): Count {
  if (value === 0) return operator === 'at_least' ? { kind: 'any' } : { kind: 'none' };
  return { kind: operator, n: value };
}

function opposite(count: Count): Count {
  switch (count.kind) {
    case 'none':
      return { kind: 'at_least', n: 1 };
    case 'any':
      return { kind: 'impossible' };
    case 'impossible':
      return { kind: 'any' };
    case 'at_least':
      return count.n === 1 ? { kind: 'none' } : { kind: 'at_most', n: count.n - 1 };
    case 'at_most':
      return { kind: 'at_least', n: count.n + 1 };
    case 'exactly':
      return { kind: 'not_exactly', n: count.n };
    case 'not_exactly':
      return { kind: 'exactly', n: count.n };
  }
}

const QUANTIFIERS = { at_least: 'au moins', at_most: 'au plus', exactly: 'exactement' } as const;

function filterTexts(node: BehaviourCondition, ctx: Context) {
  return node.filters.map((f) => {
    const field = behaviourFilterField(ctx.catalogue, node.action, f.field);
    const noun = nounOf(f.field, field, 'le champ');
    return {
      filter: f,
      text: `${noun.text} ${comparisonText(noun, field, f.test, ctx.valueWords)}`,
    };
  });
}

/** « en magasin ou sur le web » when a channel filter names known channels only. */
function channelPlaces(test: Comparison): string | undefined {
  const values =
    test.operator === 'equals' ? [test.value] : test.operator === 'in' ? test.values : [];
  const places = placesOf(values);
  return places === undefined || places.length === 0 ? undefined : joinPlaces(places, 'ou');
}

function orderFilters(node: BehaviourCondition, ctx: Context): string {
  const parts = filterTexts(node, ctx);
  const channel: string[] = [];
  const order: string[] = [];
  const line: string[] = [];
  for (const { filter, text } of parts) {
    const place = filter.field === 'order.channel' ? channelPlaces(filter.test) : undefined;
    if (place !== undefined) channel.push(place);
    else if (filter.field.startsWith('line.')) line.push(text);
    else order.push(text);
  }
  return words(
    channel.join(' et '),
    order.length > 0 ? `dont ${order.join(' et ')}` : '',
    line.length > 0 ? `comprenant un article dont ${line.join(' et ')}` : '',
  );
}

function ordersText(count: Count, filters: string, window: string): string {
  const placed = (how: string) => words('ayant passé', how, filters, window);
  switch (count.kind) {
    case 'none':
      return words('n’ayant passé aucune commande', filters, window);
    case 'any':
      return placed('un nombre quelconque de commandes');
    case 'impossible':
      return words('n’ayant pas passé un nombre quelconque de commandes', filters, window);
    case 'not_exactly':
      return placed(`un nombre de commandes autre que ${num(count.n)}`);
    default:
      return placed(
        `${QUANTIFIERS[count.kind]} ${num(count.n)} ${plural(count.n, 'commande', 'commandes')}`,
      );
  }
}

function eventsText(node: BehaviourCondition, count: Count, ctx: Context): string {
  if (node.action.type !== 'event') return '';
  const type = node.action.event_type;
  const verb = EVENTS.get(type) ?? event(`réalisé l’événement ${quote(type)}`);
  const parts = filterTexts(node, ctx).map((p) => p.text);
  const filters = parts.length > 0 ? `dont ${parts.join(' et ')}` : '';
  const window = windowText(node.window);
  switch (count.kind) {
    case 'none':
      return window === ''
        ? words('n’ayant jamais', verb.notDone, filters)
        : words('n’ayant pas', verb.notDone, filters, window);
    case 'any':
      return words('ayant', verb.done, filters, 'un nombre quelconque de fois', window);
    case 'impossible':
      return words('n’ayant pas', verb.done, filters, 'un nombre quelconque de fois', window);
    case 'not_exactly':
      return words(
        'ayant',
        verb.done,
        filters,
        `un nombre de fois autre que ${num(count.n)}`,
        window,
      );
    case 'at_least':
      if (count.n === 1) {
        return window === ''
          ? words('ayant déjà', verb.done, filters)
          : words('ayant', verb.done, filters, window);
      }
      return words('ayant', verb.done, filters, `au moins ${num(count.n)} fois`, window);
    default:
      return words(
        'ayant',
        verb.done,
        filters,
        `${QUANTIFIERS[count.kind]} ${num(count.n)} fois`,
        window,
      );
  }
}

function behaviourText(node: BehaviourCondition, ctx: Context, negated: boolean): string {
  const base = countOf(node.count);
  const count = negated ? opposite(base) : base;
  if (node.action.type === 'order') {
    return ordersText(count, orderFilters(node, ctx), windowText(node.window));
  }
  return eventsText(node, count, ctx);
}

const SPEND_TESTS = { gt: 'plus de', gte: 'au moins', lt: 'moins de', lte: 'au plus' } as const;

/** Total spend as what the customer did: « ayant dépensé plus de 500,00 € au total ». */
function spendText(test: Comparison, window: string): string | undefined {
  const euros = (cents: number) => euroFormat.format(cents / 100);
  const when = window === '' ? 'au total' : window;
  switch (test.operator) {
    case 'gt':
    case 'gte':
    case 'lt':
    case 'lte':
      return `dépensé ${SPEND_TESTS[test.operator]} ${euros(test.value)} ${when}`;
    case 'equals':
      return typeof test.value === 'number'
        ? `dépensé exactement ${euros(test.value)} ${when}`
        : undefined;
    case 'between':
      return typeof test.min === 'number' && typeof test.max === 'number'
        ? `dépensé entre ${euros(test.min)} et ${euros(test.max)} ${when}`
        : undefined;
    default:
      return undefined;
  }
}

/**
 * Channels used as where the customer bought: « ayant acheté en magasin ou sur le web ». The set
 * is missing without orders, so "none of" and "all of" hold only for customers who bought.
 */
function channelsText(test: Comparison, window: string): string | undefined {
  if (test.operator === 'is_empty') return words('n’ayant rien acheté', window);
  if (test.operator !== 'in' && test.operator !== 'not_in' && test.operator !== 'all_of') {
    return undefined;
  }
  const places = placesOf(test.values);
  if (places === undefined || places.length === 0 || places.length > LIST_SHOWN) return undefined;
  if (test.operator === 'in') return words('ayant acheté', joinPlaces(places, 'ou'), window);
  if (test.operator === 'all_of') {
    const both = places.length > 1 ? 'à la fois' : '';
    return words('ayant acheté', both, joinPlaces(places, 'et'), window);
  }
  const none =
    places.length === 1
      ? `pas ${joinPlaces(places, 'ou')}`
      : places.map((p) => `ni ${p}`).join(' ');
  return words('ayant acheté', window, 'mais', none);
}

/**
 * A condition in three readings: after « Clients » (`full`), alone on a builder row (`line`), and
 * its exact opposite when French has a natural one (`negative`); without one, a negated condition
 * is an exclusion, « sauf ceux … ».
 */
interface Clause {
  full: string;
  line: string;
  negative?: string;
}

function dontClause(text: string): Clause {
  return { full: `dont ${text}`, line: text };
}

function clause(node: Condition, ctx: Context): Clause {
  const { catalogue } = ctx;
  switch (node.kind) {
    case 'attribute': {
      const field = attributeField(catalogue, node.field);
      const noun = nounOf(node.field, field, 'le champ');
      return dontClause(`${noun.text} ${comparisonText(noun, field, node.test, ctx.valueWords)}`);
    }
    case 'score': {
      const field = scoreField(catalogue, node.score);
      const noun = nounOf(node.score, field, 'le score');
      return dontClause(`${noun.text} ${comparisonText(noun, field, node.test, ctx.valueWords)}`);
    }
    case 'aggregate': {
      const window = windowText(node.window);
      if (node.measure === 'total_spend_cents') {
        const spent = spendText(node.test, window);
        // Not having spent more than 500 € is the exact opposite, missing totals included.
        if (spent !== undefined) {
          return {
            full: `ayant ${spent}`,
            line: `ayant ${spent}`,
            negative: `n’ayant pas ${spent}`,
          };
        }
      }
      const bought = node.measure === 'channels_used' ? channelsText(node.test, window) : undefined;
      if (bought !== undefined) return { full: bought, line: bought };
      const field = aggregateField(catalogue, node.measure);
      const noun = nounOf(field.id, field, 'le champ');
      return dontClause(
        words(noun.text, comparisonText(noun, field, node.test, ctx.valueWords), window),
      );
    }
    case 'behaviour': {
      const full = behaviourText(node, ctx, false);
      return { full, line: full, negative: behaviourText(node, ctx, true) };
    }
    case 'reachability': {
      const { check } = node;
      if (check.type === 'valid_email') {
        const full = 'ayant une adresse e-mail valide';
        return { full, line: full, negative: 'sans adresse e-mail valide' };
      }
      if (check.type === 'valid_phone') {
        const full = 'ayant un numéro de téléphone valide';
        return { full, line: full, negative: 'sans numéro de téléphone valide' };
      }
      if (check.type === 'usable_first_name') {
        const full = 'ayant un prénom utilisable pour les saluer';
        return { full, line: full, negative: 'sans prénom utilisable pour les saluer' };
      }
      if (check.type === 'shared_device') {
        const full = 'dont un appareil sert aussi à un autre profil';
        return { full, line: full, negative: 'dont aucun appareil ne sert à un autre profil' };
      }
      if (check.type === 'duplicate_email') {
        const full = 'dont l’e-mail figure aussi sur un autre profil';
        return { full, line: full, negative: 'dont l’e-mail ne figure sur aucun autre profil' };
      }
      if (check.type === 'duplicate_phone') {
        const full = 'dont le téléphone figure aussi sur un autre profil';
        return { full, line: full, negative: 'dont le téléphone ne figure sur aucun autre profil' };
      }
      if (check.type === 'consent_known') {
        const full = `dont le consentement ${CONSENT_CHANNELS[check.channel]} est connu`;
        return {
          full,
          line: full,
          negative: `dont le consentement ${CONSENT_CHANNELS[check.channel]} est inconnu`,
        };
      }
      const full = `joignables ${CONSENT_CHANNELS[check.channel]}`;
      return { full, line: full, negative: `non ${full}` };
    }
    case 'segment': {
      const name = ctx.names.get(node.segment_id) ?? node.segment_id;
      const full = `membres du segment ${quote(name)}`;
      return { full, line: full, negative: `non ${full}` };
    }
  }
}

/** An exclusion's text after « ceux », and whether it needs parentheses beside another. */
interface Excluded {
  text: string;
  several: boolean;
}
/** A node as a positive phrase, or as customers to leave out. */
type Part = { kind: 'plain'; text: string } | { kind: 'excluded'; excluded: Excluded[] };

function part(node: SegmentNode, ctx: Context, negated: boolean, nested: boolean): Part {
  const flip = negated !== node.negate;
  if (node.kind !== 'group') {
    const c = clause(node, ctx);
    if (!flip) return { kind: 'plain', text: c.full };
    if (c.negative !== undefined) return { kind: 'plain', text: c.negative };
    return { kind: 'excluded', excluded: [{ text: c.full, several: false }] };
  }
  const { children } = node;
  const [only] = children;
  if (children.length === 1 && only !== undefined) return part(only, ctx, flip, nested);
  if (children.length === 0) {
    return flip
      ? { kind: 'excluded', excluded: [{ text: '(aucune condition)', several: false }] }
      : { kind: 'plain', text: '(aucune condition)' };
  }
  // Not (A or B) is "not A and not B": each leaves its own customers out.
  if (flip && node.combinator === 'or') return compose(children, 'and', ctx, true, nested);
  if (flip) {
    const inner = compose(children, 'and', ctx, false, false);
    return { kind: 'excluded', excluded: [{ text: plainText(inner), several: true }] };
  }
  return compose(children, node.combinator, ctx, false, nested);
}

const notAmong = (excluded: Excluded[]) =>
  excluded.map((e) => `qui ne font pas partie de ceux ${e.text}`).join(' et ');

function plainText(p: Part): string {
  return p.kind === 'plain' ? p.text : notAmong(p.excluded);
}

interface Member {
  node: SegmentNode;
  negated: boolean;
}

/**
 * The children of a group as one flat list where the logic allows it, so French needs no
 * brackets: A and (B and C) is A and B and C, A and not (B or C) is A and not B and not C.
 */
function members(
  children: readonly SegmentNode[],
  combinator: 'and' | 'or',
  negated: boolean,
): Member[] {
  return children.flatMap((node) => {
    const flip = negated !== node.negate;
    if (node.kind !== 'group' || node.children.length === 0) return [{ node, negated }];
    const same =
      node.children.length === 1 ||
      (combinator === 'and' && node.combinator === (flip ? 'or' : 'and')) ||
      (combinator === 'or' && !flip && node.combinator === 'or');
    return same ? members(node.children, combinator, flip) : [{ node, negated }];
  });
}

function compose(
  children: readonly SegmentNode[],
  combinator: 'and' | 'or',
  ctx: Context,
  negated: boolean,
  nested: boolean,
): Part {
  const parts = members(children, combinator, negated).map((m) =>
    part(m.node, ctx, m.negated, true),
  );
  const wrap = (text: string, count: number) => (nested && count > 1 ? `(${text})` : text);
  if (combinator === 'or') {
    const texts = parts.map((p) =>
      p.kind === 'excluded' && p.excluded.length > 1 ? `(${plainText(p)})` : plainText(p),
    );
    return { kind: 'plain', text: wrap(texts.join(' ou '), texts.length) };
  }
  const plain = parts.flatMap((p) => (p.kind === 'plain' ? [p.text] : []));
  const excluded = parts.flatMap((p) => (p.kind === 'excluded' ? p.excluded : []));
  if (excluded.length === 0) return { kind: 'plain', text: wrap(plain.join(' et '), plain.length) };
  if (plain.length === 0) return { kind: 'excluded', excluded };
  return { kind: 'plain', text: wrap(`${plain.join(' et ')}, sauf ${exceptText(excluded)}`, 2) };
}

/** « ceux … et ceux … »; an exclusion of several conditions is bracketed beside another. */
function exceptText(excluded: readonly Excluded[]): string {
  const several = excluded.length > 1;
  return excluded.map((e) => `ceux ${several && e.several ? `(${e.text})` : e.text}`).join(' et ');
}

export function describeDefinitionFr(
  definition: SegmentDefinition,
  catalogue: FieldCatalogue,
  names: SegmentNames,
  valueWords: ValueWords = NO_WORDS,
): string {
  if (definition.root.children.length === 0) return 'Aucune condition pour l’instant';
  const top = part(definition.root, { catalogue, names, valueWords }, false, false);
  return top.kind === 'plain'
    ? `Clients ${top.text}`
    : `Tous les clients sauf ${exceptText(top.excluded)}`;
}

function groupLine(group: Group): string {
  const n = group.children.length;
  if (n === 0) return group.negate ? 'Sauf un groupe vide' : 'Un groupe vide';
  const count = `${num(n)} ${plural(n, 'condition', 'conditions')}`;
  if (n === 1) return group.negate ? `Sauf ${count}` : count;
  if (group.combinator === 'or') return group.negate ? `Aucune des ${count}` : `L’une des ${count}`;
  return group.negate ? `Pas toutes les ${count}` : `Toutes les ${count}`;
}

/** One line for a condition or a group in the builder (« La ville est « Paris » »). */
export function describeNodeFr(
  node: SegmentNode,
  catalogue: FieldCatalogue,
  names: SegmentNames,
  valueWords: ValueWords = NO_WORDS,
): string {
  if (node.kind === 'group') return groupLine(node);
  const c = clause(node, { catalogue, names, valueWords });
  if (!node.negate) return capitalise(c.line);
  return c.negative === undefined ? `Sauf ceux ${c.full}` : capitalise(c.negative);
}
