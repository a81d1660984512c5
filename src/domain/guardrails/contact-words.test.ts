import { describe, expect, test } from 'vitest';
import { describeContactVerdict } from './contact-words.ts';
import { describeVerdict } from './describe.ts';
import { verdict, type Verdict, type VerdictParams } from './verdict.ts';

const NBSP = '\u00a0';
/** Writes French no-break spaces where the expected text has `~`. */
const fr = (text: string) => text.replace(/~/g, NBSP);

const words = (v: Verdict) => [describeContactVerdict(v, 'fr'), describeContactVerdict(v, 'en')];

function pressure(params: Partial<VerdictParams<'contact_pressure'>>): Verdict {
  return verdict.parse({
    guardrail: 'contact_pressure',
    severity: 'block',
    params: {
      rule: 'all_30_days',
      channel: 'sms',
      received: 31,
      cap: 8,
      window_days: 30,
      declared: null,
      ...params,
    },
    evidence: [],
  });
}

describe('contact_pressure in words', () => {
  test('all channels over 30 days', () => {
    expect(words(pressure({}))).toEqual([
      fr('31 messages reçus ces 30 derniers jours sur tous les canaux (plafond~: 8)'),
      '31 messages received in the last 30 days on all channels (cap: 8)',
    ]);
    expect(words(pressure({ rule: 'all_7_days', received: 3, cap: 3, window_days: 7 }))).toEqual([
      fr('3 messages reçus ces 7 derniers jours sur tous les canaux (plafond~: 3)'),
      '3 messages received in the last 7 days on all channels (cap: 3)',
    ]);
  });

  test.each([
    ['email', 'par e-mail', 'by e-mail'],
    ['sms', 'par SMS', 'by SMS'],
    ['push', 'en notification push', 'as push notifications'],
    ['web_banner', 'en bannière web', 'as web banners'],
  ] as const)('on the campaign’s channel (%s)', (channel, inFrench, inEnglish) => {
    const v = pressure({ rule: 'channel_7_days', channel, received: 2, cap: 2, window_days: 7 });
    expect(words(v)).toEqual([
      fr(`2 messages reçus ces 7 derniers jours ${inFrench} (plafond~: 2)`),
      `2 messages received in the last 7 days ${inEnglish} (cap: 2)`,
    ]);
  });

  test('one message, none, and thousands, in each language’s number format', () => {
    const one = pressure({ rule: 'channel_30_days', channel: 'email', received: 1, cap: 1 });
    expect(words(one)).toEqual([
      fr('1 message reçu ces 30 derniers jours par e-mail (plafond~: 1)'),
      '1 message received in the last 30 days by e-mail (cap: 1)',
    ]);
    const none = pressure({ received: 0, cap: 0 });
    expect(words(none)).toEqual([
      fr('0 message reçu ces 30 derniers jours sur tous les canaux (plafond~: 0)'),
      '0 messages received in the last 30 days on all channels (cap: 0)',
    ]);
    const many = pressure({ received: 1234, cap: 1000 });
    expect(words(many)).toEqual([
      fr(
        '1\u202f234 messages reçus ces 30 derniers jours sur tous les canaux (plafond~: 1\u202f000)',
      ),
      '1,234 messages received in the last 30 days on all channels (cap: 1,000)',
    ]);
  });

  test.each([
    ['weekly', 7, 'par semaine', 'a week'],
    ['monthly', 30, 'par mois', 'a month'],
    ['quarterly', 91, 'par trimestre', 'a quarter'],
  ])('a declared %s frequency', (declared, days, inFrench, inEnglish) => {
    const v = pressure({ rule: 'declared', declared, received: 2, cap: 1, window_days: days });
    expect(words(v)).toEqual([
      fr(`A demandé au plus un message ${inFrench}~: 2 messages reçus ces ${days} derniers jours`),
      `Asked for at most one message ${inEnglish}: 2 messages received in the last ${days} days`,
    ]);
  });

  test('a declared frequency the words do not know reads as its days; one day as 24 hours', () => {
    const odd = pressure({
      rule: 'declared',
      declared: 'fortnightly',
      received: 1,
      cap: 1,
      window_days: 14,
    });
    expect(words(odd)).toEqual([
      fr('A demandé au plus un message tous les 14 jours~: 1 message reçu ces 14 derniers jours'),
      'Asked for at most one message every 14 days: 1 message received in the last 14 days',
    ]);
    const none = pressure({
      rule: 'declared',
      declared: null,
      received: 1,
      cap: 1,
      window_days: 1,
    });
    expect(words(none)).toEqual([
      fr('A demandé au plus un message par jour~: 1 message reçu ces dernières 24 heures'),
      'Asked for at most one message a day: 1 message received in the last 24 hours',
    ]);
  });
});

function quiet(params: Partial<VerdictParams<'quiet_hours'>>): Verdict {
  return verdict.parse({
    guardrail: 'quiet_hours',
    severity: 'block',
    params: {
      rule: 'after_end',
      channel: 'sms',
      local_time: '2026-12-06T21:30',
      time_zone: 'Europe/Paris',
      start: '08:00',
      end: '20:00',
      holiday: null,
      ...params,
    },
    evidence: [],
  });
}

describe('quiet_hours in words', () => {
  test('after the end and before the start', () => {
    expect(words(quiet({}))).toEqual([
      fr(
        'Envoi prévu dimanche 6 décembre 2026 à 21:30 (heure de Paris)~: hors des heures autorisées pour les SMS (08:00–20:00)',
      ),
      'Planned for Sunday, 6 December 2026 at 21:30 (Paris time): outside the hours allowed for SMS (08:00–20:00)',
    ]);
    const early = quiet({
      rule: 'before_start',
      channel: 'push',
      local_time: '2026-12-01T07:59:59',
      start: '08:30',
    });
    expect(words(early)).toEqual([
      fr(
        'Envoi prévu mardi 1er décembre 2026 à 07:59:59 (heure de Paris)~: hors des heures autorisées pour les notifications push (08:30–20:00)',
      ),
      'Planned for Tuesday, 1 December 2026 at 07:59:59 (Paris time): outside the hours allowed for push notifications (08:30–20:00)',
    ]);
  });

  test('a Sunday, per channel', () => {
    expect(words(quiet({ rule: 'sunday', local_time: '2026-12-06T10:00' }))).toEqual([
      fr('Envoi prévu dimanche 6 décembre 2026 à 10:00 (heure de Paris)~: pas de SMS le dimanche'),
      'Planned for Sunday, 6 December 2026 at 10:00 (Paris time): no SMS on Sundays',
    ]);
    const email = quiet({ rule: 'sunday', channel: 'email', local_time: '2026-12-06T10:00' });
    expect(words(email)[0]).toMatch(/: pas d’e-mail le dimanche$/);
    expect(words(email)[1]).toMatch(/: no e-mails on Sundays$/);
    const banner = quiet({ rule: 'after_end', channel: 'web_banner' });
    expect(words(banner)[0]).toMatch(/pour les bannières web \(08:00–20:00\)$/);
    expect(words(banner)[1]).toMatch(/for web banners \(08:00–20:00\)$/);
    const push = quiet({ rule: 'sunday', channel: 'push' });
    expect(words(push)).toEqual([
      expect.stringMatching(/pas de notification push le dimanche$/),
      expect.stringMatching(/no push notifications on Sundays$/),
    ]);
    const bannerSunday = quiet({ rule: 'sunday', channel: 'web_banner' });
    expect(words(bannerSunday)).toEqual([
      expect.stringMatching(/pas de bannière web le dimanche$/),
      expect.stringMatching(/no web banners on Sundays$/),
    ]);
    const emailHours = quiet({ channel: 'email' });
    expect(words(emailHours)).toEqual([
      expect.stringMatching(/pour les e-mails \(08:00–20:00\)$/),
      expect.stringMatching(/for e-mails \(08:00–20:00\)$/),
    ]);
  });

  test('a public holiday, named, in the recipient’s zone', () => {
    const v = quiet({
      rule: 'public_holiday',
      local_time: '2026-12-25T10:30',
      time_zone: 'America/Martinique',
      holiday: 'christmas',
    });
    expect(words(v)).toEqual([
      fr(
        'Envoi prévu vendredi 25 décembre 2026 à 10:30 (heure de la Martinique)~: pas de SMS les jours fériés (Noël)',
      ),
      'Planned for Friday, 25 December 2026 at 10:30 (Martinique time): no SMS on public holidays (Christmas Day)',
    ]);
  });

  test.each([
    ['new_year', 'jour de l’an', 'New Year’s Day'],
    ['good_friday', 'Vendredi saint', 'Good Friday'],
    ['easter_monday', 'lundi de Pâques', 'Easter Monday'],
    ['labour_day', 'fête du Travail', 'Labour Day'],
    ['victory_in_europe', 'Victoire 1945', 'Victory in Europe Day'],
    ['ascension', 'Ascension', 'Ascension Day'],
    ['whit_monday', 'lundi de Pentecôte', 'Whit Monday'],
    ['bastille_day', 'fête nationale', 'Bastille Day'],
    ['assumption', 'Assomption', 'Assumption Day'],
    ['all_saints', 'Toussaint', 'All Saints’ Day'],
    ['armistice', 'Armistice 1918', 'Armistice Day'],
    ['christmas', 'Noël', 'Christmas Day'],
    ['st_stephen', 'Saint-Étienne', 'St Stephen’s Day'],
    ['lunar_new_year', 'lunar_new_year', 'lunar_new_year'],
  ])('the holiday %s', (holiday, inFrench, inEnglish) => {
    const [french, english] = words(quiet({ rule: 'public_holiday', holiday }));
    expect(french).toMatch(new RegExp(`les jours fériés \\(${inFrench}\\)$`));
    expect(english).toMatch(new RegExp(`on public holidays \\(${inEnglish}\\)$`));
  });

  test('a holiday without a name', () => {
    const [french, english] = words(quiet({ rule: 'public_holiday', holiday: null }));
    expect(french).toMatch(/: pas de SMS les jours fériés$/);
    expect(english).toMatch(/: no SMS on public holidays$/);
  });

  test.each([
    ['Europe/Paris', 'heure de Paris', 'Paris time'],
    ['America/Guadeloupe', 'heure de la Guadeloupe', 'Guadeloupe time'],
    ['America/Martinique', 'heure de la Martinique', 'Martinique time'],
    ['America/Cayenne', 'heure de la Guyane', 'French Guiana time'],
    ['Indian/Reunion', 'heure de La Réunion', 'Réunion time'],
    ['America/Miquelon', 'heure de Saint-Pierre-et-Miquelon', 'Saint Pierre and Miquelon time'],
    ['Indian/Mayotte', 'heure de Mayotte', 'Mayotte time'],
    ['America/St_Barthelemy', 'heure de Saint-Barthélemy', 'Saint Barthélemy time'],
    ['America/Marigot', 'heure de Saint-Martin', 'Saint Martin time'],
    ['Pacific/Wallis', 'heure de Wallis-et-Futuna', 'Wallis and Futuna time'],
    ['Pacific/Tahiti', 'heure de Tahiti', 'Tahiti time'],
    ['Pacific/Noumea', 'heure de Nouméa', 'Nouméa time'],
    ['Europe/Brussels', 'heure de Bruxelles', 'Brussels time'],
    ['Europe/London', 'heure de Londres', 'London time'],
    ['Atlantic/Canary', 'heure des Canaries', 'Canary Islands time'],
    ['Europe/Berlin', 'heure de Berlin', 'Berlin time'],
    ['America/New_York', 'heure de New York', 'New York time'],
    ['America/Argentina/Buenos_Aires', 'heure de Buenos Aires', 'Buenos Aires time'],
    ['UTC', 'UTC', 'UTC'],
    ['Etc/UTC', 'UTC', 'UTC'],
  ])('the zone %s', (time_zone, inFrench, inEnglish) => {
    const [french, english] = words(quiet({ time_zone }));
    expect(french).toContain(`(${inFrench})`);
    expect(english).toContain(`(${inEnglish})`);
  });
});

function consent(params: Partial<VerdictParams<'no_consent'>>): Verdict {
  return verdict.parse({
    guardrail: 'no_consent',
    severity: 'block',
    params: {
      rule: 'withdrawn',
      channel: 'email',
      at: '2026-11-12T09:15:00.000Z',
      source: 'email',
      ...params,
    },
    evidence: [],
  });
}

describe('no_consent in words', () => {
  test('withdrawn, with the day in Paris and where', () => {
    expect(words(consent({}))).toEqual([
      'A retiré son consentement e-mail le 12 novembre 2026 (via e-mail)',
      'Withdrew e-mail consent on 12 November 2026 (by e-mail)',
    ]);
    // 23:30 UTC on 31 October is 1 November in Paris.
    const late = consent({ channel: 'sms', at: '2026-10-31T23:30:00.000Z', source: 'store' });
    expect(words(late)).toEqual([
      'A retiré son consentement SMS le 1er novembre 2026 (en magasin)',
      'Withdrew SMS consent on 1 November 2026 (in store)',
    ]);
  });

  test.each([
    ['web', 'sur le site', 'on the website'],
    ['app', 'dans l’application', 'in the app'],
    ['store', 'en magasin', 'in store'],
    ['call_centre', 'auprès du service client', 'through customer service'],
    ['email', 'via e-mail', 'by e-mail'],
    ['sms', 'via SMS', 'by SMS'],
    ['push', 'via une notification push', 'from a push notification'],
    ['web_banner', 'via une bannière web', 'from a web banner'],
    ['social', 'sur les réseaux sociaux', 'on social media'],
    ['kiosk', 'kiosk', 'kiosk'],
  ])('withdrawn through %s', (source, inFrench, inEnglish) => {
    const [french, english] = words(consent({ channel: 'push', source }));
    expect(french).toBe(
      `A retiré son consentement aux notifications push le 12 novembre 2026 (${inFrench})`,
    );
    expect(english).toBe(`Withdrew push notification consent on 12 November 2026 (${inEnglish})`);
  });

  test('withdrawn with neither date nor source', () => {
    expect(words(consent({ channel: 'phone', at: null, source: null }))).toEqual([
      'A retiré son consentement au démarchage téléphonique',
      'Withdrew phone consent',
    ]);
  });

  test('never granted', () => {
    expect(words(consent({ rule: 'never_granted', at: null, source: null }))).toEqual([
      'N’a jamais donné son consentement e-mail',
      'Never gave e-mail consent',
    ]);
  });

  test.each([
    ['email', 'no_address', 'Pas d’adresse e-mail', 'No e-mail address'],
    ['email', 'invalid_address', 'Adresse e-mail invalide', 'Invalid e-mail address'],
    ['sms', 'no_address', 'Pas de numéro de téléphone', 'No phone number'],
    ['sms', 'invalid_address', 'Numéro de téléphone invalide', 'Invalid phone number'],
    ['phone', 'no_address', 'Pas de numéro de téléphone', 'No phone number'],
    ['phone', 'invalid_address', 'Numéro de téléphone invalide', 'Invalid phone number'],
    ['push', 'no_address', 'Aucun appareil avec l’application', 'No device with the app'],
    [
      'push',
      'invalid_address',
      'Aucun appareil valide avec l’application',
      'No valid device with the app',
    ],
  ] as const)('%s: %s', (channel, rule, inFrench, inEnglish) => {
    expect(words(consent({ channel, rule, at: null, source: null }))).toEqual([
      inFrench,
      inEnglish,
    ]);
  });
});

function missing(params: Partial<VerdictParams<'missing_data'>>): Verdict {
  return verdict.parse({
    guardrail: 'missing_data',
    severity: 'warn',
    params: {
      rule: 'fallback',
      field: 'customer.first_name',
      token: "{{ customer.first_name | default: 'Bonjour' }}",
      raw: 'XXX',
      reason: 'placeholder',
      replacement: 'Bonjour',
      ...params,
    },
    evidence: [],
  });
}

describe('missing_data in words', () => {
  test('a fallback: the token, why, and what was shown instead', () => {
    expect(words(missing({}))).toEqual([
      fr(
        "{{ customer.first_name | default: 'Bonjour' }}~: «~XXX~» est une valeur de remplissage, «~Bonjour~» à la place",
      ),
      "{{ customer.first_name | default: 'Bonjour' }}: “XXX” is a placeholder; “Bonjour” shown instead",
    ]);
    expect(words(missing({ replacement: '', raw: null, reason: 'missing' }))).toEqual([
      fr("{{ customer.first_name | default: 'Bonjour' }}~: aucune valeur, rien à la place"),
      "{{ customer.first_name | default: 'Bonjour' }}: no value; nothing shown instead",
    ]);
    expect(words(missing({ replacement: null, raw: null, reason: null, token: '' }))).toEqual([
      fr('customer.first_name~: aucune valeur, rien à la place'),
      'customer.first_name: no value; nothing shown instead',
    ]);
  });

  test.each([
    ['missing', null, 'aucune valeur', 'no value'],
    ['empty', ' ', 'valeur vide', 'an empty value'],
    ['placeholder', 'test', '«~test~» est une valeur de remplissage', '“test” is a placeholder'],
    ['no_letters', '.', '«~.~» ne contient aucune lettre', '“.” has no letter'],
    ['single_letter', 'J', '«~J~» n’est qu’une initiale', '“J” is only an initial'],
    ['all_capitals', 'JEAN', '«~JEAN~» est tout en capitales', '“JEAN” is all capitals'],
    [
      'email_local_part',
      'jdupont42',
      '«~jdupont42~» ressemble à une adresse e-mail',
      '“jdupont42” looks like an e-mail address',
    ],
    ['digits', 'J3an', '«~J3an~» contient des chiffres', '“J3an” has digits'],
  ] as const)('a value %s', (reason, raw, inFrench, inEnglish) => {
    const v = missing({
      rule: 'junk',
      token: '{{ customer.first_name }}',
      raw,
      reason,
      replacement: null,
    });
    expect(words(v)).toEqual([
      fr(
        `{{ customer.first_name }}~: ${inFrench} et pas de valeur par défaut, le message part tel quel`,
      ),
      `{{ customer.first_name }}: ${inEnglish} and no default; the message goes out as it is`,
    ]);
  });

  test('a token without its text or field', () => {
    const v = missing({
      rule: 'junk',
      token: '',
      field: null,
      raw: 'XXX',
      reason: 'placeholder',
      replacement: null,
    });
    expect(words(v)).toEqual([
      fr(
        'Un jeton~: «~XXX~» est une valeur de remplissage et pas de valeur par défaut, le message part tel quel',
      ),
      'A token: “XXX” is a placeholder and no default; the message goes out as it is',
    ]);
  });

  test('an empty token', () => {
    const v = missing({
      rule: 'empty',
      token: '{{ customer.city }}',
      field: 'customer.city',
      raw: null,
      reason: null,
      replacement: null,
    });
    expect(words(v)).toEqual([
      fr(
        '{{ customer.city }}~: aucune valeur et pas de valeur par défaut, le message part avec un blanc',
      ),
      '{{ customer.city }}: no value and no default; the message goes out with a blank',
    ]);
  });
});

function mismatch(params: Partial<VerdictParams<'preference_mismatch'>>): Verdict {
  return verdict.parse({
    guardrail: 'preference_mismatch',
    severity: 'warn',
    params: {
      rule: 'channel',
      channel: 'email',
      preferred_channel: 'sms',
      category: null,
      interests: [],
      ...params,
    },
    evidence: [],
  });
}

describe('preference_mismatch in words', () => {
  test('the preferred channel and the campaign’s', () => {
    expect(words(mismatch({}))).toEqual([
      fr('Canal préféré~: SMS (cette campagne~: e-mail)'),
      'Preferred channel: SMS (this campaign: e-mail)',
    ]);
  });

  test.each([
    ['web', 'site web', 'website'],
    ['app', 'application', 'app'],
    ['store', 'magasin', 'store'],
    ['call_centre', 'service client', 'customer service'],
    ['push', 'notification push', 'push notification'],
    ['web_banner', 'bannière web', 'web banner'],
    ['social', 'réseaux sociaux', 'social media'],
    ['pigeon', 'pigeon', 'pigeon'],
  ])('a preference for %s', (preferred_channel, inFrench, inEnglish) => {
    expect(words(mismatch({ preferred_channel }))).toEqual([
      fr(`Canal préféré~: ${inFrench} (cette campagne~: e-mail)`),
      `Preferred channel: ${inEnglish} (this campaign: e-mail)`,
    ]);
  });

  test('interests, listed, and the offer’s category, in running text', () => {
    const v = mismatch({
      rule: 'interest',
      category: 'video_games',
      interests: ['books', 'music', 'hifi'],
    });
    expect(words(v)).toEqual([
      fr('Centres d’intérêt déclarés~: livres, musique et hi-fi (l’offre~: jeux vidéo)'),
      'Declared interests: books, music and hi-fi (the offer: video games)',
    ]);
    const one = mismatch({ rule: 'interest', category: 'films', interests: ['gardening'] });
    expect(words(one)).toEqual([
      fr('Centres d’intérêt déclarés~: gardening (l’offre~: films)'),
      'Declared interests: gardening (the offer: films)',
    ]);
    const noCategory = mismatch({ rule: 'interest', category: null, interests: ['books'] });
    expect(words(noCategory)).toEqual([
      fr('Centres d’intérêt déclarés~: livres'),
      'Declared interests: books',
    ]);
  });
});

describe('other guardrails', () => {
  test('are not worded here', () => {
    const offer = verdict.parse({
      guardrail: 'offer_not_valid',
      severity: 'block',
      params: { rule: 'expired', valid_from: null, valid_to: '2026-11-30', send_day: '2026-12-01' },
      evidence: [],
    });
    expect(words(offer)).toEqual([null, null]);
  });

  test('describeVerdict words a contact verdict', () => {
    expect(describeVerdict(pressure({}), 'en')).toBe(
      '31 messages received in the last 30 days on all channels (cap: 8)',
    );
  });
});
