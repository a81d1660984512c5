import fc from 'fast-check';
import { expect, test } from 'vitest';
import type {
  BehaviourCondition,
  Comparison,
  Group,
  SegmentNode,
  TimeWindow,
} from './definition.ts';
import { testCatalogue } from './catalogue-view.fixture.ts';
import {
  attr,
  eq,
  group,
  not,
  last,
  ever,
  atLeast,
  exactly,
  atMost,
  event,
  orders,
  aggregate,
} from './describe.fixture.ts';
import { describeDefinition, describeNode, formatDate } from './describe.ts';

const filter = (field: string, test: Comparison) => ({ field, test });
const consent = (channel: 'email' | 'sms' | 'push' | 'phone'): SegmentNode => ({
  id: 'r',
  kind: 'reachability',
  negate: false,
  check: { type: 'consent', channel },
});
const member = (segment_id: string): SegmentNode => ({
  id: 'm',
  kind: 'segment',
  negate: false,
  segment_id,
});
const names = new Map([['loyal', 'Fidèles']]);

// French typography puts no-break spaces inside « », before € and between thousands; the tables
// read them as plain spaces, and the typography has its own tests below.
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, ' ');
const line = (node: SegmentNode) => plain(describeNode(node, testCatalogue, names, 'fr'));
const sentence = (...children: SegmentNode[]) =>
  plain(
    describeDefinition({ version: 1, root: group('root', children) }, testCatalogue, names, 'fr'),
  );

test.each<[string, SegmentNode, string]>([
  ['a city', attr('customer.city', eq('Paris')), 'La ville est « Paris »'],
  [
    'not a city',
    attr('customer.city', { operator: 'not_equals', value: 'Paris' }),
    'La ville n’est pas « Paris »',
  ],
  [
    'one of two cities',
    attr('customer.city', { operator: 'in', values: ['Paris', 'Lyon'] }),
    'La ville est « Paris » ou « Lyon »',
  ],
  [
    'one of three cities',
    attr('customer.city', { operator: 'in', values: ['Paris', 'Lyon', 'Lille'] }),
    'La ville est « Paris », « Lyon » ou « Lille »',
  ],
  [
    'a long list, cut short',
    attr('customer.city', { operator: 'in', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }),
    'La ville est « a », « b », « c », « d », « e » ou 2 autres valeurs',
  ],
  [
    'a long list, one more',
    attr('customer.city', { operator: 'in', values: ['a', 'b', 'c', 'd', 'e', 'f'] }),
    'La ville est « a », « b », « c », « d », « e » ou 1 autre valeur',
  ],
  [
    'none of one city',
    attr('customer.city', { operator: 'not_in', values: ['Paris'] }),
    'La ville n’est pas « Paris »',
  ],
  [
    'none of two cities',
    attr('customer.city', { operator: 'not_in', values: ['Paris', 'Lyon'] }),
    'La ville n’est ni « Paris » ni « Lyon »',
  ],
  [
    'none of three cities',
    attr('customer.city', { operator: 'not_in', values: ['Paris', 'Lyon', 'Lille'] }),
    'La ville n’est ni « Paris », ni « Lyon », ni « Lille »',
  ],
  [
    'none of a long list, cut short',
    attr('customer.city', { operator: 'not_in', values: ['a', 'b', 'c', 'd', 'e', 'f', 'g'] }),
    'La ville n’est ni « a », ni « b », ni « c », ni « d », ni « e », ni 2 autres valeurs',
  ],
  [
    'a part of a first name, masculine',
    attr('customer.first_name', { operator: 'contains', value: 'ann' }),
    'Le prénom contient « ann »',
  ],
  [
    'a start of a first name',
    attr('customer.first_name', { operator: 'starts_with', value: 'Ol' }),
    'Le prénom commence par « Ol »',
  ],
  [
    'a missing city, feminine',
    attr('customer.city', { operator: 'is_empty' }),
    'La ville n’est pas renseignée',
  ],
  ['a known city', attr('customer.city', { operator: 'is_set' }), 'La ville est renseignée'],
  [
    'a known gender, masculine',
    attr('customer.gender', { operator: 'is_set' }),
    'Le genre est renseigné',
  ],
  [
    'a birth date before a date',
    attr('customer.birth_date', { operator: 'before', value: '2000-03-05' }),
    'La date de naissance est avant le 5 mars 2000',
  ],
  [
    'a birth date after a date',
    attr('customer.birth_date', { operator: 'after', value: '2000-03-05' }),
    'La date de naissance est après le 5 mars 2000',
  ],
  [
    'a birth date between two dates',
    attr('customer.birth_date', { operator: 'between', min: '1990-01-01', max: '1999-12-31' }),
    'La date de naissance est entre le 1 janv. 1990 et le 31 déc. 1999',
  ],
  [
    'a birth date in the last days',
    attr('customer.birth_date', { operator: 'in_last_days', days: 30 }),
    'La date de naissance est dans les 30 derniers jours',
  ],
  [
    'a birth date in the last day',
    attr('customer.birth_date', { operator: 'in_last_days', days: 1 }),
    'La date de naissance est dans le dernier jour',
  ],
  [
    'a birth date not in the last days',
    attr('customer.birth_date', { operator: 'not_in_last_days', days: 7 }),
    'La date de naissance n’est pas dans les 7 derniers jours',
  ],
  [
    'a field the phrasebook does not know, by its label',
    attr('customer.children', { operator: 'gt', value: 2 }),
    'Le champ « Number of children » est supérieur à 2',
  ],
  [
    'at least, with French grouping',
    attr('customer.children', { operator: 'gte', value: 10000 }),
    'Le champ « Number of children » est d’au moins 10 000',
  ],
  [
    'less than, with a decimal comma',
    attr('customer.children', { operator: 'lt', value: 0.25 }),
    'Le champ « Number of children » est inférieur à 0,25',
  ],
  [
    'at most',
    attr('customer.children', { operator: 'lte', value: -3 }),
    'Le champ « Number of children » est d’au plus -3',
  ],
  [
    'a number range',
    attr('customer.children', { operator: 'between', min: 1, max: 3 }),
    'Le champ « Number of children » est compris entre 1 et 3',
  ],
  ['a number equal', attr('customer.children', eq(2)), 'Le champ « Number of children » est de 2'],
  [
    'a number different',
    attr('customer.children', { operator: 'not_equals', value: 2 }),
    'Le champ « Number of children » est différent de 2',
  ],
  [
    'a yes',
    attr('customer.newsletter', { operator: 'is_true' }),
    'Le champ « Newsletter subscriber » vaut oui',
  ],
  [
    'a no',
    attr('customer.newsletter', { operator: 'is_false' }),
    'Le champ « Newsletter subscriber » vaut non',
  ],
  [
    'an unknown field, by its id',
    attr('customer.nope', eq('x')),
    'Le champ « customer.nope » est « x »',
  ],
  [
    'a score',
    { id: 's', kind: 'score', negate: false, score: 'score.churn_band', test: eq('high') },
    'Le risque de départ est « high »',
  ],
  [
    'a score in cents, as euros',
    {
      id: 's',
      kind: 'score',
      negate: false,
      score: 'score.clv_cents',
      test: { operator: 'gt', value: 123456 },
    },
    'La valeur client prévue est supérieure à 1 234,56 €',
  ],
  [
    'an unknown score, by its id',
    { id: 's', kind: 'score', negate: false, score: 'score.x', test: eq(1) },
    'Le score « score.x » est de 1',
  ],
  [
    'total spend over a year',
    aggregate('total_spend_cents', { operator: 'gt', value: 50000 }, last(365)),
    'Ayant dépensé plus de 500,00 € au cours des 365 derniers jours',
  ],
  [
    'total spend ever',
    aggregate('total_spend_cents', { operator: 'lte', value: 1999 }),
    'Ayant dépensé au plus 19,99 € au total',
  ],
  [
    'total spend in a range',
    aggregate('total_spend_cents', { operator: 'between', min: 10000, max: 20000 }),
    'Ayant dépensé entre 100,00 € et 200,00 € au total',
  ],
  [
    'total spend unknown',
    aggregate('total_spend_cents', { operator: 'is_empty' }),
    'Le montant total dépensé n’est pas renseigné',
  ],
  [
    'an average order over a window',
    aggregate('average_order_cents', { operator: 'gte', value: 4550 }, last(30)),
    'Le panier moyen est d’au moins 45,50 € au cours des 30 derniers jours',
  ],
  [
    'a number of orders between two dates',
    aggregate(
      'order_count',
      { operator: 'gt', value: 3 },
      { type: 'between', from: '2026-01-01', to: '2026-03-31' },
    ),
    'Le nombre de commandes est supérieur à 3 entre le 1 janv. 2026 et le 31 mars 2026',
  ],
  [
    'a favourite category ever',
    aggregate('favourite_category', eq('films')),
    'La catégorie préférée est « films »',
  ],
  [
    'channels used, any of',
    aggregate('channels_used', { operator: 'in', values: ['web', 'store'] }),
    'Ayant acheté sur le web ou en magasin',
  ],
  [
    'channels used, all of',
    aggregate('channels_used', { operator: 'all_of', values: ['app', 'call_centre'] }),
    'Ayant acheté à la fois sur l’application et par le centre d’appels',
  ],
  [
    'channels used, none of one',
    aggregate('channels_used', { operator: 'not_in', values: ['app'] }, last(90)),
    'Ayant acheté au cours des 90 derniers jours mais pas sur l’application',
  ],
  [
    'channels used, none of two',
    aggregate('channels_used', { operator: 'not_in', values: ['app', 'web'] }),
    'Ayant acheté mais ni sur l’application ni sur le web',
  ],
  ['no channel used', aggregate('channels_used', { operator: 'is_empty' }), 'N’ayant rien acheté'],
  [
    'no channel used lately',
    aggregate('channels_used', { operator: 'is_empty' }, last(30)),
    'N’ayant rien acheté au cours des 30 derniers jours',
  ],
  [
    'a channel the phrasebook does not know, as a value',
    aggregate('channels_used', { operator: 'in', values: ['kiosk'] }),
    'Les canaux utilisés comprennent « kiosk »',
  ],
  [
    'payment methods, all of, in the plural',
    aggregate('payment_methods_used', { operator: 'all_of', values: ['card', 'cash'] }),
    'Les moyens de paiement utilisés comprennent « card » et « cash »',
  ],
  [
    'payment methods, none of two',
    aggregate('payment_methods_used', { operator: 'not_in', values: ['card', 'cash'] }),
    'Les moyens de paiement utilisés ne comprennent ni « card » ni « cash »',
  ],
  [
    'no payment method',
    aggregate('payment_methods_used', { operator: 'is_empty' }),
    'Les moyens de paiement utilisés ne comprennent aucune valeur',
  ],
  ['email consent', consent('email'), 'Joignables par e-mail'],
  ['SMS consent', consent('sms'), 'Joignables par SMS'],
  ['push consent', consent('push'), 'Joignables par notification push'],
  ['phone consent', consent('phone'), 'Joignables par téléphone'],
  [
    'a valid email',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'valid_email' } },
    'Ayant une adresse e-mail valide',
  ],
  [
    'a valid phone',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'valid_phone' } },
    'Ayant un numéro de téléphone valide',
  ],
  [
    'a usable first name',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'usable_first_name' } },
    'Ayant un prénom utilisable pour les saluer',
  ],
  [
    'no usable first name',
    { id: 'r', kind: 'reachability', negate: true, check: { type: 'usable_first_name' } },
    'Sans prénom utilisable pour les saluer',
  ],
  [
    'a shared device',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'shared_device' } },
    'Dont un appareil sert aussi à un autre profil',
  ],
  [
    'no duplicate e-mail',
    { id: 'r', kind: 'reachability', negate: true, check: { type: 'duplicate_email' } },
    'Dont l’e-mail ne figure sur aucun autre profil',
  ],
  [
    'a duplicate phone',
    { id: 'r', kind: 'reachability', negate: false, check: { type: 'duplicate_phone' } },
    'Dont le téléphone figure aussi sur un autre profil',
  ],
  [
    'an SMS consent on record',
    {
      id: 'r',
      kind: 'reachability',
      negate: false,
      check: { type: 'consent_known', channel: 'sms' },
    },
    'Dont le consentement par SMS est connu',
  ],
  [
    'an e-mail consent never recorded',
    {
      id: 'r',
      kind: 'reachability',
      negate: true,
      check: { type: 'consent_known', channel: 'email' },
    },
    'Dont le consentement par e-mail est inconnu',
  ],
  ['a named segment', member('loyal'), 'Membres du segment « Fidèles »'],
  ['a segment with no name known', member('s42'), 'Membres du segment « s42 »'],
  [
    'a negated attribute, as an exclusion',
    not(attr('customer.city', eq('Paris'))),
    'Sauf ceux dont la ville est « Paris »',
  ],
  ['a negated consent', not(consent('email')), 'Non joignables par e-mail'],
  [
    'a negated valid email',
    not({ id: 'r', kind: 'reachability', negate: false, check: { type: 'valid_email' } }),
    'Sans adresse e-mail valide',
  ],
  ['a negated segment', not(member('loyal')), 'Non membres du segment « Fidèles »'],
  [
    'a negated spend',
    not(aggregate('total_spend_cents', { operator: 'gt', value: 50000 })),
    'N’ayant pas dépensé plus de 500,00 € au total',
  ],
  [
    'a negated channel list, as an exclusion',
    not(aggregate('channels_used', { operator: 'in', values: ['web'] })),
    'Sauf ceux ayant acheté sur le web',
  ],
])('one line in French for %s', (_, node, expected) => {
  expect(line(node)).toBe(expected);
});

test.each<[string, BehaviourCondition, string]>([
  ['an event ever', event('email_open'), 'Ayant déjà ouvert un e-mail'],
  [
    'an event in a window',
    event('email_open', atLeast(1), last(60)),
    'Ayant ouvert un e-mail au cours des 60 derniers jours',
  ],
  ['an event never', event('email_open', exactly(0)), 'N’ayant jamais ouvert d’e-mail'],
  [
    'an event never in a window',
    event('email_open', atMost(0), last(60)),
    'N’ayant pas ouvert d’e-mail au cours des 60 derniers jours',
  ],
  [
    'an event exactly once',
    event('search', exactly(1)),
    'Ayant fait une recherche exactement 1 fois',
  ],
  [
    'an event at least twice',
    event('search', atLeast(2), last(7)),
    'Ayant fait une recherche au moins 2 fois au cours des 7 derniers jours',
  ],
  [
    'an event at most 5 times',
    event('search', atMost(5)),
    'Ayant fait une recherche au plus 5 fois',
  ],
  [
    'an event any number of times',
    event('search', atLeast(0)),
    'Ayant fait une recherche un nombre quelconque de fois',
  ],
  [
    'an event in the last day',
    event('app_open', atLeast(1), last(1)),
    'Ayant ouvert l’application au cours du dernier jour',
  ],
  [
    'an event between two dates',
    event('search', atLeast(1), { type: 'between', from: '2026-01-01', to: '2026-03-31' }),
    'Ayant fait une recherche entre le 1 janv. 2026 et le 31 mars 2026',
  ],
  [
    'an event before a date',
    event('store_visit', atLeast(1), { type: 'before', date: '2026-01-01' }),
    'Ayant visité un magasin avant le 1 janv. 2026',
  ],
  [
    'an event after a date',
    event('store_visit', atLeast(1), { type: 'after', date: '2026-05-01' }),
    'Ayant visité un magasin après le 1 mai 2026',
  ],
  [
    'an event with property filters',
    event('product_view', atLeast(1), last(30), [
      filter('property.category', eq('films')),
      filter('property.price_cents', { operator: 'gte', value: 2000 }),
    ]),
    'Ayant consulté un produit dont la propriété « category » est « films » et la propriété « price_cents » est d’au moins 2 000 au cours des 30 derniers jours',
  ],
  [
    'an event never, with a filter, after a negation',
    event('product_view', exactly(0), ever, [filter('property.in_stock', { operator: 'is_true' })]),
    'N’ayant jamais consulté de produit dont la propriété « in_stock » vaut oui',
  ],
  ['an unknown event', event('teleported'), 'Ayant déjà réalisé l’événement « teleported »'],
  [
    'an unknown event type with quotes, kept as text',
    event('a"b » c', exactly(0)),
    'N’ayant jamais réalisé l’événement « a"b » c »',
  ],
  ['no order ever', orders(exactly(0)), 'N’ayant passé aucune commande'],
  ['one order', orders(atLeast(1)), 'Ayant passé au moins 1 commande'],
  ['two orders', orders(atLeast(2)), 'Ayant passé au moins 2 commandes'],
  ['a million orders', orders(atMost(1_000_000)), 'Ayant passé au plus 1 000 000 commandes'],
  [
    'no order in a window',
    orders(exactly(0), last(90)),
    'N’ayant passé aucune commande au cours des 90 derniers jours',
  ],
  ['exactly one order', orders(exactly(1)), 'Ayant passé exactement 1 commande'],
  ['any number of orders', orders(atLeast(0)), 'Ayant passé un nombre quelconque de commandes'],
  [
    'the brief’s order in store',
    orders(atLeast(1), last(90), [filter('order.channel', eq('store'))]),
    'Ayant passé au moins 1 commande en magasin au cours des 90 derniers jours',
  ],
  [
    'orders on the web or the app',
    orders(atLeast(2), ever, [filter('order.channel', { operator: 'in', values: ['web', 'app'] })]),
    'Ayant passé au moins 2 commandes sur le web ou sur l’application',
  ],
  [
    'an order through the call centre',
    orders(atLeast(1), ever, [filter('order.channel', eq('call_centre'))]),
    'Ayant passé au moins 1 commande par le centre d’appels',
  ],
  [
    'an order outside a channel, by the field',
    orders(atLeast(1), ever, [filter('order.channel', { operator: 'not_equals', value: 'web' })]),
    'Ayant passé au moins 1 commande dont le canal n’est pas « web »',
  ],
  [
    'a Blu-ray bought in store',
    orders(atLeast(1), last(90), [
      filter('order.channel', eq('store')),
      filter('line.format', eq('blu_ray')),
    ]),
    'Ayant passé au moins 1 commande en magasin comprenant un article dont le format est « blu_ray » au cours des 90 derniers jours',
  ],
  [
    'two filters on one line, in euros',
    orders(atLeast(1), ever, [
      filter('line.category', eq('films')),
      filter('line.unit_price_cents', { operator: 'lt', value: 1000 }),
    ]),
    'Ayant passé au moins 1 commande comprenant un article dont la catégorie est « films » et le prix unitaire est inférieur à 10,00 €',
  ],
  [
    'an order filter and a line filter',
    orders(atLeast(3), ever, [
      filter('order.promo_code', { operator: 'starts_with', value: 'NOEL' }),
      filter('line.brand', eq('Sony')),
    ]),
    'Ayant passé au moins 3 commandes dont le code promo commence par « NOEL » comprenant un article dont la marque est « Sony »',
  ],
])('one line in French for a behaviour: %s', (_, node, expected) => {
  expect(line(node)).toBe(expected);
});

test.each<[string, BehaviourCondition, string]>([
  [
    'at least 1 order',
    orders(atLeast(1), last(90)),
    'N’ayant passé aucune commande au cours des 90 derniers jours',
  ],
  ['at least 3 orders', orders(atLeast(3)), 'Ayant passé au plus 2 commandes'],
  ['at least 2 orders', orders(atLeast(2)), 'Ayant passé au plus 1 commande'],
  ['at most 2 orders', orders(atMost(2)), 'Ayant passé au moins 3 commandes'],
  ['no order', orders(exactly(0)), 'Ayant passé au moins 1 commande'],
  ['exactly 2 orders', orders(exactly(2)), 'Ayant passé un nombre de commandes autre que 2'],
  [
    'any number of orders',
    orders(atLeast(0)),
    'N’ayant pas passé un nombre quelconque de commandes',
  ],
  ['an email opened ever', event('email_open'), 'N’ayant jamais ouvert d’e-mail'],
  [
    'an email opened lately',
    event('email_open', atLeast(1), last(60)),
    'N’ayant pas ouvert d’e-mail au cours des 60 derniers jours',
  ],
  ['never an email', event('email_open', exactly(0)), 'Ayant déjà ouvert un e-mail'],
  [
    'a search at most 4 times',
    event('search', atMost(4)),
    'Ayant fait une recherche au moins 5 fois',
  ],
  [
    'a search exactly 3 times',
    event('search', exactly(3)),
    'Ayant fait une recherche un nombre de fois autre que 3',
  ],
])('a negated behaviour reads as its exact opposite count: %s', (_, node, expected) => {
  expect(line(not(node))).toBe(expected);
});

test.each<[string, Group, string]>([
  [
    'an AND group',
    group('g', [attr('customer.city', eq('x')), attr('customer.city', eq('y'))]),
    'Toutes les 2 conditions',
  ],
  ['a group of one', group('g', [attr('customer.city', eq('x'))], 'or'), '1 condition'],
  [
    'an OR group',
    group('g', [attr('customer.city', eq('x')), attr('customer.city', eq('y'))], 'or'),
    'L’une des 2 conditions',
  ],
  [
    'a negated AND group',
    group('g', [attr('customer.city', eq('x')), attr('customer.city', eq('y'))], 'and', true),
    'Pas toutes les 2 conditions',
  ],
  [
    'a negated OR group',
    group('g', [attr('customer.city', eq('x')), attr('customer.city', eq('y'))], 'or', true),
    'Aucune des 2 conditions',
  ],
  [
    'a negated group of one',
    group('g', [attr('customer.city', eq('x'))], 'and', true),
    'Sauf 1 condition',
  ],
  ['an empty group', group('g', []), 'Un groupe vide'],
])('one line in French for %s', (_, node, expected) => {
  expect(line(node)).toBe(expected);
});

const city = attr('customer.city', eq('Paris'), 'city');
const gold = attr('customer.loyalty_tier', eq('gold'), 'gold');
const opened = event('email_open', atLeast(1), last(60));
const inStore = orders(atLeast(1), last(90), [filter('order.channel', eq('store'))]);

test.each<[string, SegmentNode[], string]>([
  [
    'the brief’s example',
    [inStore],
    'Clients ayant passé au moins 1 commande en magasin au cours des 90 derniers jours',
  ],
  ['one condition', [city], 'Clients dont la ville est « Paris »'],
  ['a negated condition', [not(city)], 'Tous les clients sauf ceux dont la ville est « Paris »'],
  [
    'two negated conditions',
    [not(city), not(gold)],
    'Tous les clients sauf ceux dont la ville est « Paris » et ceux dont le niveau de fidélité est « gold »',
  ],
  [
    'three conditions',
    [city, gold, opened],
    'Clients dont la ville est « Paris » et dont le niveau de fidélité est « gold » et ayant ouvert un e-mail au cours des 60 derniers jours',
  ],
  [
    'a condition and an exclusion',
    [city, not(gold)],
    'Clients dont la ville est « Paris », sauf ceux dont le niveau de fidélité est « gold »',
  ],
  [
    'a negated behaviour, in its own words rather than an exclusion',
    [city, not(group('g', [opened]))],
    'Clients dont la ville est « Paris » et n’ayant pas ouvert d’e-mail au cours des 60 derniers jours',
  ],
  [
    'a nested OR, in parentheses',
    [city, group('g', [gold, opened], 'or')],
    'Clients dont la ville est « Paris » et (dont le niveau de fidélité est « gold » ou ayant ouvert un e-mail au cours des 60 derniers jours)',
  ],
  [
    'a negated nested OR, as each of its conditions negated',
    [city, group('g', [gold, opened], 'or', true)],
    'Clients dont la ville est « Paris » et n’ayant pas ouvert d’e-mail au cours des 60 derniers jours, sauf ceux dont le niveau de fidélité est « gold »',
  ],
  [
    'a negated nested AND, as one exclusion',
    [city, group('g', [gold, opened], 'and', true)],
    'Clients dont la ville est « Paris », sauf ceux dont le niveau de fidélité est « gold » et ayant ouvert un e-mail au cours des 60 derniers jours',
  ],
  [
    'a negated AND beside another exclusion, in parentheses',
    [
      city,
      group('g', [gold, opened], 'and', true),
      not(member('loyal')),
      not(attr('customer.first_name', eq('Ann'))),
    ],
    'Clients dont la ville est « Paris » et non membres du segment « Fidèles », sauf ceux (dont le niveau de fidélité est « gold » et ayant ouvert un e-mail au cours des 60 derniers jours) et ceux dont le prénom est « Ann »',
  ],
  [
    'a nested AND inside an AND, without parentheses',
    [city, group('g', [gold, opened])],
    'Clients dont la ville est « Paris » et dont le niveau de fidélité est « gold » et ayant ouvert un e-mail au cours des 60 derniers jours',
  ],
  [
    'an AND inside an OR, the only child of the top group',
    [group('or', [group('g1', [city, gold]), opened], 'or')],
    'Clients (dont la ville est « Paris » et dont le niveau de fidélité est « gold ») ou ayant ouvert un e-mail au cours des 60 derniers jours',
  ],
  [
    'an exclusion inside an OR',
    [group('or', [city, not(gold)], 'or')],
    'Clients dont la ville est « Paris » ou qui ne font pas partie de ceux dont le niveau de fidélité est « gold »',
  ],
  [
    'an OR inside an AND inside an OR',
    [group('or', [group('g1', [city, group('g2', [gold, consent('sms')], 'or')]), opened], 'or')],
    'Clients (dont la ville est « Paris » et (dont le niveau de fidélité est « gold » ou joignables par SMS)) ou ayant ouvert un e-mail au cours des 60 derniers jours',
  ],
  [
    'a segment and consent',
    [member('loyal'), consent('email')],
    'Clients membres du segment « Fidèles » et joignables par e-mail',
  ],
  [
    'an aggregate, a score and a reach',
    [
      aggregate('total_spend_cents', { operator: 'gt', value: 50000 }),
      { id: 's', kind: 'score', negate: false, score: 'score.rfm_cell', test: eq('555') },
      consent('email'),
    ],
    'Clients ayant dépensé plus de 500,00 € au total et dont le segment RFM est « 555 » et joignables par e-mail',
  ],
  [
    'an empty nested group',
    [city, group('g', [])],
    'Clients dont la ville est « Paris » et (aucune condition)',
  ],
])('describes in French %s', (_, children, expected) => {
  expect(sentence(...children)).toBe(expected);
});

test('a top OR group reads « ou », a negated top group « Tous les clients sauf ceux … »', () => {
  const or = { version: 1 as const, root: group('root', [city, gold, opened], 'or') };
  expect(plain(describeDefinition(or, testCatalogue, names, 'fr'))).toBe(
    'Clients dont la ville est « Paris » ou dont le niveau de fidélité est « gold » ou ayant ouvert un e-mail au cours des 60 derniers jours',
  );
  const negated = { version: 1 as const, root: group('root', [city, gold], 'and', true) };
  expect(plain(describeDefinition(negated, testCatalogue, names, 'fr'))).toBe(
    'Tous les clients sauf ceux dont la ville est « Paris » et dont le niveau de fidélité est « gold »',
  );
  const none = { version: 1 as const, root: group('root', [city, opened], 'or', true) };
  expect(plain(describeDefinition(none, testCatalogue, names, 'fr'))).toBe(
    'Clients n’ayant pas ouvert d’e-mail au cours des 60 derniers jours, sauf ceux dont la ville est « Paris »',
  );
});

test('an empty definition says there is no condition yet, in French', () => {
  expect(sentence()).toBe('Aucune condition pour l’instant');
});

test('French typography: no-break spaces inside guillemets, before € and in thousands', () => {
  const spend = aggregate('total_spend_cents', { operator: 'gt', value: 123456789 });
  expect(describeNode(spend, testCatalogue, names, 'fr')).toBe(
    'Ayant dépensé plus de 1\u202f234\u202f567,89\u00a0€ au total',
  );
  expect(describeNode(attr('customer.city', eq('Paris')), testCatalogue, names, 'fr')).toBe(
    'La ville est «\u00a0Paris\u00a0»',
  );
});

test.each([
  [
    'a quote and guillemets',
    'Le « Petit » "Paris" d’Ann',
    'La ville est « Le « Petit » "Paris" d’Ann »',
  ],
  ['markup', '<b>Paris</b> & co', 'La ville est « <b>Paris</b> & co »'],
  ['a line break', 'Paris\nLyon', 'La ville est « Paris\nLyon »'],
  ['English connector words', 'who and or customers', 'La ville est « who and or customers »'],
])('customer text with %s stays text, only quoted', (_, value, expected) => {
  expect(line(attr('customer.city', eq(value)))).toBe(expected);
});

test('a very long value is kept whole', () => {
  const long = 'é'.repeat(1_000);
  expect(line(attr('customer.city', { operator: 'contains', value: long }))).toBe(
    `La ville contient « ${long} »`,
  );
});

test('a hostile segment name stays text', () => {
  const hostile = new Map([['x', '» et tous les clients «']]);
  expect(plain(describeNode(member('x'), testCatalogue, hostile, 'fr'))).toBe(
    'Membres du segment « » et tous les clients « »',
  );
});

test.each([
  ['2026-01-01', '1 janv. 2026'],
  ['1999-12-31', '31 déc. 1999'],
  ['2026-08-15', '15 août 2026'],
  ['2026-02-30', '« 2026-02-30 »'],
  ['hier', '« hier »'],
])('the date %s reads %s in French', (iso, text) => {
  expect(plain(formatDate(iso, 'fr'))).toBe(text);
});

test('English stays the default', () => {
  expect(formatDate('2026-01-01')).toBe('1 Jan 2026');
  expect(describeNode(attr('customer.city', eq('Paris')), testCatalogue)).toBe('City is “Paris”');
});

// Definitions of every condition kind and operator, nested three deep, to hold the French
// wording to a few rules whatever the tree.
const comparisonArb: fc.Arbitrary<Comparison> = fc.oneof(
  fc.record({
    operator: fc.constantFrom('equals', 'not_equals'),
    value: fc.oneof(fc.string(), fc.integer(), fc.boolean()),
  }),
  fc.record({
    operator: fc.constantFrom('in', 'not_in', 'all_of'),
    values: fc.array(fc.oneof(fc.string(), fc.integer()), { maxLength: 8 }),
  }),
  fc.record({ operator: fc.constantFrom('contains', 'starts_with'), value: fc.string() }),
  fc.record({
    operator: fc.constantFrom('gt', 'gte', 'lt', 'lte'),
    value: fc.double({ noNaN: true, noDefaultInfinity: true }),
  }),
  fc.record({ operator: fc.constant('between'), min: fc.integer(), max: fc.integer() }),
  fc.record({
    operator: fc.constant('between'),
    min: fc.constant('2026-01-01'),
    max: fc.constant('2026-12-31'),
  }),
  fc.record({
    operator: fc.constantFrom('before', 'after'),
    value: fc.constantFrom('2026-01-01', '1999-12-31'),
  }),
  fc.record({
    operator: fc.constantFrom('in_last_days', 'not_in_last_days'),
    days: fc.integer({ min: 1, max: 36_500 }),
  }),
  fc.record({ operator: fc.constantFrom('is_empty', 'is_set', 'is_true', 'is_false') }),
);
const windowArb: fc.Arbitrary<TimeWindow> = fc.oneof(
  fc.constant<TimeWindow>({ type: 'ever' }),
  fc.record({ type: fc.constant('last_days'), days: fc.integer({ min: 1, max: 36_500 }) }),
  fc.record({
    type: fc.constant('between'),
    from: fc.constant('2026-01-01'),
    to: fc.constant('2026-03-31'),
  }),
  fc.record({ type: fc.constantFrom('before', 'after'), date: fc.constant('2026-01-01') }),
);
const fieldIds = testCatalogue.fields
  .map((f) => f.id)
  .concat(['customer.nope', 'property.category']);
const conditionArb: fc.Arbitrary<SegmentNode> = fc.oneof(
  fc.record({
    id: fc.constant('c'),
    kind: fc.constant('attribute'),
    negate: fc.boolean(),
    field: fc.constantFrom(...fieldIds),
    test: comparisonArb,
  }),
  fc.record({
    id: fc.constant('s'),
    kind: fc.constant('score'),
    negate: fc.boolean(),
    score: fc.constantFrom('score.churn_band', 'score.clv_cents', 'score.x'),
    test: comparisonArb,
  }),
  fc.record({
    id: fc.constant('a'),
    kind: fc.constant('aggregate'),
    negate: fc.boolean(),
    measure: fc.constantFrom(
      'total_spend_cents',
      'order_count',
      'average_order_cents',
      'days_since_last_order',
      'promo_share',
      'favourite_category',
      'channels_used',
      'payment_methods_used',
    ),
    window: windowArb,
    test: comparisonArb,
  }),
  fc.record({
    id: fc.constant('b'),
    kind: fc.constant('behaviour'),
    negate: fc.boolean(),
    action: fc.oneof(
      fc.constant({ type: 'order' as const }),
      fc.record({
        type: fc.constant('event' as const),
        event_type: fc.constantFrom('email_open', 'product_view', 'search', 'teleported'),
      }),
    ),
    count: fc.record({
      operator: fc.constantFrom('at_least', 'at_most', 'exactly'),
      value: fc.integer({ min: 0, max: 1_000_000 }),
    }),
    window: windowArb,
    filters: fc.array(
      fc.record({
        field: fc.constantFrom(
          'order.channel',
          'line.format',
          'line.unit_price_cents',
          'property.category',
          'order.status',
        ),
        test: comparisonArb,
      }),
      { maxLength: 3 },
    ),
  }),
  fc.record({
    id: fc.constant('r'),
    kind: fc.constant('reachability'),
    negate: fc.boolean(),
    check: fc.oneof(
      fc.record({
        type: fc.constant('consent' as const),
        channel: fc.constantFrom('email', 'sms', 'push', 'phone'),
      }),
      fc.record({
        type: fc.constant('consent_known' as const),
        channel: fc.constantFrom('email', 'sms', 'push', 'phone'),
      }),
      fc.constant({ type: 'valid_email' as const }),
      fc.constant({ type: 'valid_phone' as const }),
      fc.constant({ type: 'usable_first_name' as const }),
      fc.constant({ type: 'shared_device' as const }),
      fc.constant({ type: 'duplicate_email' as const }),
      fc.constant({ type: 'duplicate_phone' as const }),
    ),
  }),
  fc.record({
    id: fc.constant('m'),
    kind: fc.constant('segment'),
    negate: fc.boolean(),
    segment_id: fc.constantFrom('loyal', 's42'),
  }),
);
const { node: nodeArb } = fc.letrec<{ node: SegmentNode; group: Group }>((tie) => ({
  node: fc.oneof({ depthSize: 'small', withCrossShrink: true }, conditionArb, tie('group')),
  group: fc.record({
    id: fc.constant('g'),
    kind: fc.constant('group'),
    negate: fc.boolean(),
    combinator: fc.constantFrom('and', 'or'),
    children: fc.array(tie('node'), { maxLength: 4 }),
  }),
}));
const rootArb = fc.record({
  id: fc.constant('root'),
  kind: fc.constant('group' as const),
  negate: fc.boolean(),
  combinator: fc.constantFrom<'and' | 'or'>('and', 'or'),
  children: fc.array(nodeArb, { minLength: 1, maxLength: 4 }),
});
// Customer text is drawn from fc.string(), which may hold English words: they sit inside « ».
const outsideQuotes = (text: string) => text.replace(/«\u00a0[^]*?\u00a0»/g, '«»');

test('every definition reads as a French sentence: a subject, French connectors, balanced brackets', () => {
  fc.assert(
    fc.property(rootArb, (root) => {
      const text = describeDefinition({ version: 1, root }, testCatalogue, names, 'fr');
      expect(text).toMatch(/^(Clients |Tous les clients sauf ceux )\S/);
      const words = outsideQuotes(text);
      // Field labels the phrasebook lacks come from the catalogue, quoted like values.
      expect(words).not.toMatch(
        /\b(and|or|who|whose|customers|not|either|with|placed|ever|never|days?)\b/i,
      );
      expect(words).not.toMatch(/\s{2}|^\s|\s$|\(\)|undefined|NaN/);
      let depth = 0;
      for (const ch of words) {
        depth += ch === '(' ? 1 : ch === ')' ? -1 : 0;
        expect(depth).toBeGreaterThanOrEqual(0);
      }
      expect(depth).toBe(0);
    }),
    { numRuns: 300 },
  );
});

test('every condition has a French line, negated or not', () => {
  fc.assert(
    fc.property(conditionArb, (node) => {
      const text = outsideQuotes(describeNode(node, testCatalogue, names, 'fr'));
      expect(text).toMatch(/^\p{Lu}/u);
      expect(text).not.toMatch(/\b(and|or|who|whose|not|with|placed|ever|never)\b/i);
    }),
    { numRuns: 300 },
  );
});

test('a segment without a names map is named by its id, in French', () => {
  const root = group('root', [member('loyal')]);
  expect(plain(describeDefinition({ version: 1, root }, testCatalogue, undefined, 'fr'))).toBe(
    'Clients membres du segment « loyal »',
  );
});

test('known values read in the catalogue’s words; free text and unknown codes stay as typed', () => {
  const known = new Map([
    ['gold', 'Or'],
    ['silver', 'Argent'],
    ['books', 'Livres'],
    ['Paris', 'ne doit pas servir'],
  ]);
  const words = (code: string) => known.get(code) ?? code;
  const tiers = attr('customer.loyalty_tier', { operator: 'in', values: ['gold', 'silver'] });
  const describe = (...children: SegmentNode[]) =>
    plain(
      describeDefinition(
        { version: 1, root: group('root', children) },
        testCatalogue,
        names,
        'fr',
        words,
      ),
    );
  expect(describe(gold)).toBe('Clients dont le niveau de fidélité est « Or »');
  expect(describe(tiers)).toBe('Clients dont le niveau de fidélité est « Or » ou « Argent »');
  expect(describe(city)).toBe('Clients dont la ville est « Paris »');
  expect(describe(attr('customer.loyalty_tier', eq('platinum')))).toBe(
    'Clients dont le niveau de fidélité est « platinum »',
  );
  expect(plain(describeNode(gold, testCatalogue, names, 'fr', words))).toBe(
    'Le niveau de fidélité est « Or »',
  );
});
