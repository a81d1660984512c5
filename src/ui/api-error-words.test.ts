// API errors and validation issues as a user reads them, in French and in English: one example of
// each family, the failures where no answer came, and reasons this client does not know.
import { beforeAll, describe, expect, test } from 'vitest';
import { wordError, type WordedError } from './api-error-words.ts';
import { createI18n } from './i18n/i18n.ts';
import type { Language } from './i18n/languages.ts';
import { errorWords, wordIssue, type ErrorWords } from './issue-words.ts';

const words = {} as Record<Language, ErrorWords>;
beforeAll(async () => {
  words.fr = errorWords(await createI18n('fr'));
  words.en = errorWords(await createI18n('en'));
});

/** An API error as the client raises it (read by shape). */
const http = (
  status: number,
  reason: string | null,
  params: Record<string, string | number> = {},
  issues: unknown[] = [],
) => ({ kind: 'http', status, reason, params, issues, title: 'English', detail: 'For logs.' });

const say = (error: unknown, language: Language): WordedError => wordError(error, words[language]);

describe.each<[string, unknown, Record<Language, Partial<WordedError>>]>([
  [
    'a customer not found',
    http(404, 'customer_not_found', { customer_id: '123' }),
    {
      fr: { title: 'Introuvable', detail: 'Aucun client 123.' },
      en: { title: 'Not found', detail: 'No customer 123.' },
    },
  ],
  [
    'a segment saved by someone else meanwhile',
    http(412, 'version_conflict', {
      segment_id: 'seg_1',
      name: 'Clients fidèles',
      version: 4,
      expected: 3,
      author: 'Nadia',
      updated_at: '2026-11-16T09:00:00.000Z',
    }),
    {
      fr: {
        title: 'Modifié entre-temps',
        detail:
          'Le segment «\u00a0Clients fidèles\u00a0» a été modifié par Nadia entre-temps (version 4)\u202f; vous modifiiez la version 3. Rien n’a été enregistré.',
      },
      en: {
        title: 'Changed in the meantime',
        detail:
          '“Clients fidèles” was changed by Nadia in the meantime (version 4); you were editing version 3. Nothing was saved.',
      },
    },
  ],
  [
    'a segment still in use',
    http(409, 'segment_in_use', { segment_id: 'seg_1', name: 'Base', campaigns: 2, segments: 1 }),
    {
      fr: {
        detail:
          '«\u00a0Base\u00a0» est utilisé par 2 campagnes et 1 segment\u00a0: rien n’a été supprimé. Faites-les d’abord pointer vers un autre segment.',
      },
      en: {
        detail:
          '“Base” is used by 2 campaigns and 1 segment, so nothing was deleted. Point them at another segment first.',
      },
    },
  ],
  [
    'a version the history does not hold',
    http(404, 'version_not_found', { segment_id: 'seg_1', version: 9, oldest: 3, newest: 5 }),
    {
      fr: {
        detail:
          'Le segment seg_1 n’a pas de version 9\u00a0: les versions 3 à 5 sont enregistrées.',
      },
      en: { detail: 'Segment seg_1 has no version 9: versions 3 to 5 are recorded.' },
    },
  ],
  [
    'a body too large, its size in the language’s figures',
    http(413, 'body_too_large', { max_kb: 1024 }),
    {
      fr: {
        title: 'Requête refusée',
        detail:
          'La requête est trop volumineuse (1\u202f024 Ko au plus)\u202f; rien n’a été modifié.',
      },
      en: { detail: 'The request is too large (at most 1,024 KB); nothing was changed.' },
    },
  ],
  [
    'a body that fails its schema, with zod’s own words',
    http(400, 'invalid_body', { count: 1, field: 'name' }, [
      {
        path: ['body', 'name'],
        message: 'A name is at most 120 characters.',
        code: 'too_big',
        params: { origin: 'string', maximum: 120, inclusive: true },
      },
    ]),
    {
      fr: {
        detail:
          'Une valeur envoyée n’est pas valide\u202f; rien n’a été modifié\u00a0: name — Trop grand : chaîne de caractères doit avoir <=120 caractères',
        issues: ['name — Trop grand : chaîne de caractères doit avoir <=120 caractères'],
      },
      en: {
        detail:
          'A value sent is not valid; nothing was changed: name — Too big: expected string to have <=120 characters',
      },
    },
  ],
  [
    'a definition that breaks a rule',
    http(422, 'invalid_definition', { count: 2, outcome: 'not_saved' }, [
      {
        path: ['definition', 'root', 'children', 0, 'segment_id'],
        code: 'unknown_segment',
        params: { segment_id: 'seg_gone' },
        node_id: 'm1',
      },
    ]),
    {
      fr: {
        detail:
          '2 problèmes dans la définition\u202f; rien n’a été enregistré. Segment inconnu «\u00a0seg_gone\u00a0»\u00a0: il a peut-être été supprimé.',
      },
      en: {
        detail:
          '2 problems in the definition; nothing was saved. Unknown segment “seg_gone”: it may have been deleted.',
      },
    },
  ],
  [
    'a restore of a definition of the wrong shape',
    http(422, 'definition_malformed', { count: 1, outcome: 'not_restored', version: 2 }, [
      {
        path: ['definition', 'root', 'combinator'],
        code: 'invalid_value',
        params: { values: ['and', 'or'] },
      },
    ]),
    {
      fr: {
        detail:
          'La définition n’a pas la forme attendue (definition.root.combinator — Option invalide : une valeur parmi "and"|"or" attendue)\u202f; la version 2 ne peut pas être restaurée telle quelle\u202f; rien n’a été enregistré.',
      },
      en: {
        detail:
          'The definition is not in the expected form (definition.root.combinator — Invalid option: expected one of "and"|"or"); version 2 cannot be restored as it is; nothing was saved.',
      },
    },
  ],
  [
    'a save that forgot its version',
    http(428, 'if_match_required'),
    {
      fr: { title: 'Requête refusée' },
      en: { title: 'The request was refused' },
    },
  ],
  [
    'a server failure',
    http(500, 'internal'),
    {
      fr: {
        title: 'Erreur du serveur',
        detail:
          'L’API des profils a répondu 500. Réessayez\u202f; si le problème persiste, son journal en donne la cause.',
      },
      en: {
        title: 'The server failed',
        detail: 'The profile API answered 500. Try again; if it persists, its log has the cause.',
      },
    },
  ],
  [
    'a request that never reached the server',
    { kind: 'network', status: null, reason: null, params: {}, issues: [] },
    {
      fr: {
        title: 'Impossible de joindre l’API des profils',
        detail:
          'La requête n’est pas parvenue au serveur. Vérifiez votre connexion, puis réessayez.',
      },
      en: {
        title: 'Cannot reach the profile API',
        detail: 'The request did not reach the server. Check your connection and try again.',
      },
    },
  ],
  [
    'an answer that is not JSON',
    { kind: 'malformed', status: 200, reason: 'not_json', params: {}, issues: [] },
    {
      fr: { title: 'Réponse inattendue du serveur', detail: expect.stringContaining('JSON') },
      en: {
        title: 'Unexpected answer from the server',
        detail: 'The profile API answered with something that is not JSON. Nothing was changed.',
      },
    },
  ],
  [
    'an answer off the contract, saying where',
    {
      kind: 'malformed',
      status: 200,
      reason: 'off_contract',
      params: { at: 'entries' },
      issues: [],
    },
    {
      fr: {
        detail:
          'La réponse de l’API des profils ne correspond pas à ce que cette page attend (à entries). Rien n’a été modifié.',
      },
      en: {
        detail:
          'The profile API’s answer does not match what this page expects (at entries). Nothing was changed.',
      },
    },
  ],
  [
    'a cancelled request',
    { kind: 'aborted', status: null, reason: null, params: {}, issues: [] },
    {
      fr: { title: 'Annulé', detail: 'La requête a été annulée.' },
      en: { title: 'Cancelled', detail: 'The request was cancelled.' },
    },
  ],
])('%s', (_, error, expected) => {
  test.each(['fr', 'en'] as const)('in %s', (language) => {
    expect(say(error, language)).toMatchObject(expected[language]);
  });
});

describe('a reason this client does not know (an older or newer server)', () => {
  test.each<[number, Language, string, string]>([
    [404, 'fr', 'Introuvable', 'Le serveur n’a aucune trace de cet élément (404).'],
    [404, 'en', 'Not found', 'The server has no record of this (404).'],
    [422, 'fr', 'Requête refusée', 'Le serveur a refusé la requête (422).'],
    [422, 'en', 'The request was refused', 'The server refused the request (422).'],
    [503, 'fr', 'Erreur du serveur', expect.stringContaining('a répondu 503.')],
    [503, 'en', 'The server failed', expect.stringContaining('answered 503.')],
  ])('a %i reads generically in %s, with its status', (status, language, title, detail) => {
    expect(say(http(status, 'quota_exceeded', { quota: 3 }), language)).toEqual({
      title,
      detail,
      issues: [],
    });
  });

  test('an answer with no reason at all reads the same', () => {
    expect(say(http(400, null), 'fr').detail).toBe('Le serveur a refusé la requête (400).');
  });

  test('an issue code it does not know reads as an invalid value', () => {
    expect(wordIssue({ code: 'too_spicy', params: {} }, words.fr)).toBe('Valeur invalide.');
    expect(wordIssue({ code: 'too_spicy', params: {} }, words.en)).toBe('Invalid value.');
  });
});

test('anything that is not an API error gets the generic message', () => {
  expect(say(new Error('boom'), 'fr')).toEqual({
    title: 'Une erreur est survenue',
    detail: 'Cette partie de la page n’a pas pu être chargée.',
    issues: [],
  });
});

describe('validation issues', () => {
  test.each<[string, { code: string; params: Record<string, unknown> }, string, string]>([
    [
      'a wrong type, naming the type received',
      { code: 'invalid_type', params: { expected: 'string', received: 'number' } },
      'Entrée invalide : chaîne de caractères attendu, nombre reçu',
      'Invalid input: expected string, received number',
    ],
    [
      'keys nobody asked for',
      { code: 'unrecognized_keys', params: { keys: ['colour', 'size'] } },
      'Clés non reconnues : "colour", "size"',
      'Unrecognized keys: "colour", "size"',
    ],
    [
      'a value left empty',
      { code: 'empty_value', params: { of: 'value', field: 'customer.city', label: 'City' } },
      'Saisissez ou choisissez une valeur pour «\u00a0City\u00a0».',
      'Type or pick a value for “City”.',
    ],
    [
      'an operator the type refuses, with the ones it takes',
      {
        code: 'operator_not_allowed',
        params: {
          field: 'customer.newsletter',
          label: 'Newsletter',
          type: 'boolean',
          operators: ['is_true', 'is_false'],
        },
      },
      '«\u00a0Newsletter\u00a0» est un oui/non\u00a0: utilisez Is true ou Is false.',
      '“Newsletter” is a yes/no: use Is true or Is false.',
    ],
    [
      'a loop through other segments',
      {
        code: 'segment_cycle',
        params: { segment_id: 'a', chain: ['a', 'b', 'a'], loop: 'others' },
      },
      'Le segment «\u00a0a\u00a0» mène à une boucle\u00a0: a → b → a.',
      'Segment “a” leads to a loop: a → b → a.',
    ],
    [
      'a list too long, in the language’s figures',
      { code: 'too_many_values', params: { max: 1000, count: 1001 } },
      'Une liste compte au plus 1\u202f000 valeurs (celle-ci en a 1\u202f001).',
      'A list holds at most 1,000 values (this one has 1,001).',
    ],
  ])('%s', (_, issue, french, english) => {
    expect(wordIssue(issue, words.fr)).toBe(french);
    expect(wordIssue(issue, words.en)).toBe(english);
  });

  test('the builder’s names replace ids and labels', () => {
    const issue = { code: 'unknown_segment', params: { segment_id: 'seg_1' } };
    const names = {
      field: (id: string) => id,
      operator: (op: string) => op,
      event: (type: string) => type,
      segment: () => 'Clients fidèles',
    };
    expect(wordIssue(issue, words.fr, names)).toBe(
      'Segment inconnu «\u00a0Clients fidèles\u00a0»\u00a0: il a peut-être été supprimé.',
    );
  });
});
