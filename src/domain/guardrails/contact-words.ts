// The contact guardrails' verdicts in French and English, with their figures, as a marketer reads
// them: « 31 messages reçus ces 30 derniers jours sur tous les canaux (plafond : 8) ». Numbers,
// lists and dates come from Intl in the reader's locale (French typography: a no-break space
// before a colon and inside « »); a consent's date is its day in Paris, a send's the recipient's
// own wall clock as the verdict gives it.
import { localDateAt } from '../campaign/send-time.ts';
import type { DomainLanguage } from '../language.ts';
import type {
  Channel,
  ConsentChannel,
  MessageChannel,
  ProductCategory,
} from '../profile/schema.ts';
import { CATEGORY_WORDS_EN } from '../recommend/describe-en.ts';
import { CATEGORY_WORDS_FR } from '../recommend/describe-fr.ts';
import type { PublicHolidayCode } from './holidays.ts';
import type { Verdict, VerdictOf } from './verdict.ts';

const NBSP = '\u00a0';
const LOCALE: Readonly<Record<DomainLanguage, string>> = { fr: 'fr-FR', en: 'en-GB' };

type Words = Readonly<Record<DomainLanguage, string>>;
const words = (fr: string, en: string): Words => ({ fr, en });

/** « texte » in French, “text” in English. */
const quote = (text: string, lang: DomainLanguage) =>
  lang === 'fr' ? `«${NBSP}${text}${NBSP}»` : `“${text}”`;
/** What comes before a colon: a no-break space in French. */
const colon = (lang: DomainLanguage) => (lang === 'fr' ? `${NBSP}:` : ':');

/** One Intl object per language, made on first use. */
function perLanguage<T>(make: (locale: string) => T): (lang: DomainLanguage) => T {
  const made = new Map<DomainLanguage, T>();
  return (lang) => {
    let value = made.get(lang);
    if (value === undefined) {
      value = make(LOCALE[lang]);
      made.set(lang, value);
    }
    return value;
  };
}

const numbers = perLanguage((locale) => new Intl.NumberFormat(locale));
const plurals = perLanguage((locale) => new Intl.PluralRules(locale));
/** « livres, musique et hi-fi »: a conjunction, Intl's default. */
const lists = perLanguage((locale) => new Intl.ListFormat(locale));
const dayOptions = { timeZone: 'UTC', day: 'numeric', month: 'long', year: 'numeric' } as const;
const days = perLanguage((locale) => new Intl.DateTimeFormat(locale, dayOptions));
const weekdays = perLanguage(
  (locale) => new Intl.DateTimeFormat(locale, { ...dayOptions, weekday: 'long' }),
);

const count = (n: number, lang: DomainLanguage) => numbers(lang).format(n);
const isOne = (n: number, lang: DomainLanguage) => plurals(lang).select(n) === 'one';

/** A calendar day: « dimanche 6 décembre 2026 », « Sunday, 6 December 2026 » (« 1er » in French). */
function day(isoDate: string, lang: DomainLanguage, weekday: boolean): string {
  return (weekday ? weekdays : days)(lang)
    .formatToParts(Date.parse(`${isoDate}T00:00:00.000Z`))
    .map((p) => (p.type === 'day' && p.value === '1' && lang === 'fr' ? '1er' : p.value))
    .join('');
}

// ------------------------------------------------------------------ contact_pressure

const BY_CHANNEL: Readonly<Record<MessageChannel, Words>> = {
  email: words('par e-mail', 'by e-mail'),
  sms: words('par SMS', 'by SMS'),
  push: words('en notification push', 'as push notifications'),
  web_banner: words('en bannière web', 'as web banners'),
};

const PER_PERIOD: ReadonlyMap<string, Words> = new Map([
  ['weekly', words('par semaine', 'a week')],
  ['monthly', words('par mois', 'a month')],
  ['quarterly', words('par trimestre', 'a quarter')],
]);

const PER_DAY = words('par jour', 'a day');

/** « 3 messages reçus ces 7 derniers jours ». */
function received(n: number, days: number, lang: DomainLanguage): string {
  const one = isOne(n, lang);
  const period =
    lang === 'fr'
      ? days === 1
        ? 'ces dernières 24 heures'
        : `ces ${count(days, lang)} derniers jours`
      : days === 1
        ? 'in the last 24 hours'
        : `in the last ${count(days, lang)} days`;
  return lang === 'fr'
    ? `${count(n, lang)} ${one ? 'message reçu' : 'messages reçus'} ${period}`
    : `${count(n, lang)} ${one ? 'message' : 'messages'} received ${period}`;
}

function pressure(p: VerdictOf<'contact_pressure'>['params'], lang: DomainLanguage): string {
  const got = received(p.received, p.window_days, lang);
  const cap =
    lang === 'fr' ? `plafond${colon(lang)} ${count(p.cap, lang)}` : `cap: ${count(p.cap, lang)}`;
  switch (p.rule) {
    case 'channel_7_days':
    case 'channel_30_days':
      return `${got} ${BY_CHANNEL[p.channel][lang]} (${cap})`;
    case 'all_7_days':
    case 'all_30_days':
      return `${got} ${lang === 'fr' ? 'sur tous les canaux' : 'on all channels'} (${cap})`;
    case 'declared': {
      const every =
        PER_PERIOD.get(p.declared ?? '')?.[lang] ??
        (p.window_days === 1
          ? PER_DAY[lang]
          : lang === 'fr'
            ? `tous les ${count(p.window_days, lang)} jours`
            : `every ${count(p.window_days, lang)} days`);
      return lang === 'fr'
        ? `A demandé au plus un message ${every}${colon(lang)} ${got}`
        : `Asked for at most one message ${every}: ${got}`;
    }
  }
}

// ------------------------------------------------------------------ quiet_hours

const CHANNEL_PLURAL: Readonly<Record<MessageChannel, Words>> = {
  email: words('les e-mails', 'e-mails'),
  sms: words('les SMS', 'SMS'),
  push: words('les notifications push', 'push notifications'),
  web_banner: words('les bannières web', 'web banners'),
};

const NO_CHANNEL: Readonly<Record<MessageChannel, Words>> = {
  email: words('pas d’e-mail', 'no e-mails'),
  sms: words('pas de SMS', 'no SMS'),
  push: words('pas de notification push', 'no push notifications'),
  web_banner: words('pas de bannière web', 'no web banners'),
};

const HOLIDAYS: Readonly<Record<PublicHolidayCode, Words>> = {
  new_year: words('jour de l’an', 'New Year’s Day'),
  good_friday: words('Vendredi saint', 'Good Friday'),
  easter_monday: words('lundi de Pâques', 'Easter Monday'),
  labour_day: words('fête du Travail', 'Labour Day'),
  victory_in_europe: words('Victoire 1945', 'Victory in Europe Day'),
  ascension: words('Ascension', 'Ascension Day'),
  whit_monday: words('lundi de Pentecôte', 'Whit Monday'),
  bastille_day: words('fête nationale', 'Bastille Day'),
  assumption: words('Assomption', 'Assumption Day'),
  all_saints: words('Toussaint', 'All Saints’ Day'),
  armistice: words('Armistice 1918', 'Armistice Day'),
  christmas: words('Noël', 'Christmas Day'),
  st_stephen: words('Saint-Étienne', 'St Stephen’s Day'),
};
const holidayWords: ReadonlyMap<string, Words> = new Map(Object.entries(HOLIDAYS));

/**
 * The zones time-zone.ts gives whose place is not their city's name: « heure de la Martinique ».
 */
const PLACES: ReadonlyMap<string, Words> = new Map([
  ['America/Guadeloupe', words('de la Guadeloupe', 'Guadeloupe')],
  ['America/Martinique', words('de la Martinique', 'Martinique')],
  ['America/Cayenne', words('de la Guyane', 'French Guiana')],
  ['Indian/Reunion', words('de La Réunion', 'Réunion')],
  ['America/Miquelon', words('de Saint-Pierre-et-Miquelon', 'Saint Pierre and Miquelon')],
  ['America/St_Barthelemy', words('de Saint-Barthélemy', 'Saint Barthélemy')],
  ['America/Marigot', words('de Saint-Martin', 'Saint Martin')],
  ['Pacific/Wallis', words('de Wallis-et-Futuna', 'Wallis and Futuna')],
  ['Pacific/Noumea', words('de Nouméa', 'Nouméa')],
  ['Europe/Brussels', words('de Bruxelles', 'Brussels')],
  ['Europe/London', words('de Londres', 'London')],
  ['Atlantic/Canary', words('des Canaries', 'Canary Islands')],
]);

/** « heure de Paris », « Paris time »; another zone by its city (`America/New_York`: New York). */
function zoneName(zone: string, lang: DomainLanguage): string {
  if (zone === 'UTC' || zone === 'Etc/UTC') return 'UTC';
  const city = (zone.split('/').pop() ?? zone).replace(/_/g, ' ');
  const place = PLACES.get(zone)?.[lang] ?? (lang === 'fr' ? `de ${city}` : city);
  return lang === 'fr' ? `heure ${place}` : `${place} time`;
}

function quiet(p: VerdictOf<'quiet_hours'>['params'], lang: DomainLanguage): string {
  const date = p.local_time.slice(0, 10);
  const time = p.local_time.slice(11);
  const when =
    lang === 'fr'
      ? `Envoi prévu ${day(date, lang, true)} à ${time} (${zoneName(p.time_zone, lang)})${colon(lang)}`
      : `Planned for ${day(date, lang, true)} at ${time} (${zoneName(p.time_zone, lang)}):`;
  const hours = `${p.start}–${p.end}`;
  const no = NO_CHANNEL[p.channel][lang];
  switch (p.rule) {
    case 'before_start':
    case 'after_end':
      return lang === 'fr'
        ? `${when} hors des heures autorisées pour ${CHANNEL_PLURAL[p.channel][lang]} (${hours})`
        : `${when} outside the hours allowed for ${CHANNEL_PLURAL[p.channel][lang]} (${hours})`;
    case 'sunday':
      return lang === 'fr' ? `${when} ${no} le dimanche` : `${when} ${no} on Sundays`;
    case 'public_holiday': {
      const name = p.holiday === null ? null : (holidayWords.get(p.holiday)?.[lang] ?? p.holiday);
      const which = name === null ? '' : ` (${name})`;
      return lang === 'fr'
        ? `${when} ${no} les jours fériés${which}`
        : `${when} ${no} on public holidays${which}`;
    }
  }
}

// ------------------------------------------------------------------ no_consent

const CONSENT: Readonly<Record<ConsentChannel, Words>> = {
  email: words('son consentement e-mail', 'e-mail consent'),
  sms: words('son consentement SMS', 'SMS consent'),
  push: words('son consentement aux notifications push', 'push notification consent'),
  phone: words('son consentement au démarchage téléphonique', 'phone consent'),
};

const THROUGH: Readonly<Record<Channel, Words>> = {
  web: words('sur le site', 'on the website'),
  app: words('dans l’application', 'in the app'),
  store: words('en magasin', 'in store'),
  call_centre: words('auprès du service client', 'through customer service'),
  email: words('via e-mail', 'by e-mail'),
  sms: words('via SMS', 'by SMS'),
  push: words('via une notification push', 'from a push notification'),
  web_banner: words('via une bannière web', 'from a web banner'),
  social: words('sur les réseaux sociaux', 'on social media'),
};
const throughWords: ReadonlyMap<string, Words> = new Map(Object.entries(THROUGH));

const ADDRESS: Readonly<Record<ConsentChannel, { missing: Words; invalid: Words }>> = {
  email: {
    missing: words('Pas d’adresse e-mail', 'No e-mail address'),
    invalid: words('Adresse e-mail invalide', 'Invalid e-mail address'),
  },
  sms: {
    missing: words('Pas de numéro de téléphone', 'No phone number'),
    invalid: words('Numéro de téléphone invalide', 'Invalid phone number'),
  },
  push: {
    missing: words('Aucun appareil avec l’application', 'No device with the app'),
    invalid: words('Aucun appareil valide avec l’application', 'No valid device with the app'),
  },
  phone: {
    missing: words('Pas de numéro de téléphone', 'No phone number'),
    invalid: words('Numéro de téléphone invalide', 'Invalid phone number'),
  },
};

function consent(p: VerdictOf<'no_consent'>['params'], lang: DomainLanguage): string {
  const what = CONSENT[p.channel][lang];
  switch (p.rule) {
    case 'withdrawn': {
      const on =
        p.at === null
          ? ''
          : ` ${lang === 'fr' ? 'le' : 'on'} ${day(localDateAt(p.at, 'Europe/Paris'), lang, false)}`;
      const through = p.source === null ? null : (throughWords.get(p.source)?.[lang] ?? p.source);
      const how = through === null ? '' : ` (${through})`;
      return lang === 'fr' ? `A retiré ${what}${on}${how}` : `Withdrew ${what}${on}${how}`;
    }
    case 'never_granted':
      return lang === 'fr' ? `N’a jamais donné ${what}` : `Never gave ${what}`;
    case 'no_address':
      return ADDRESS[p.channel].missing[lang];
    case 'invalid_address':
      return ADDRESS[p.channel].invalid[lang];
  }
}

// ------------------------------------------------------------------ missing_data

type JunkParams = VerdictOf<'missing_data'>['params'];

/** Why the value was not shown: « « XXX » est une valeur de remplissage ». */
function why(p: JunkParams, lang: DomainLanguage): string {
  const raw = quote(p.raw ?? '', lang);
  const fr = lang === 'fr';
  switch (p.reason) {
    case 'missing':
      return fr ? 'aucune valeur' : 'no value';
    case 'empty':
      return fr ? 'valeur vide' : 'an empty value';
    case 'placeholder':
      return fr ? `${raw} est une valeur de remplissage` : `${raw} is a placeholder`;
    case 'no_letters':
      return fr ? `${raw} ne contient aucune lettre` : `${raw} has no letter`;
    case 'single_letter':
      return fr ? `${raw} n’est qu’une initiale` : `${raw} is only an initial`;
    case 'all_capitals':
      return fr ? `${raw} est tout en capitales` : `${raw} is all capitals`;
    case 'email_local_part':
      return fr ? `${raw} ressemble à une adresse e-mail` : `${raw} looks like an e-mail address`;
    case 'digits':
      return fr ? `${raw} contient des chiffres` : `${raw} has digits`;
    case null:
      return fr ? 'aucune valeur' : 'no value';
  }
}

function missing(p: JunkParams, lang: DomainLanguage): string {
  const fr = lang === 'fr';
  // What the marketer finds in the template: the token, else the field it reads.
  const token = p.token !== '' ? p.token : (p.field ?? (fr ? 'Un jeton' : 'A token'));
  switch (p.rule) {
    case 'fallback': {
      const instead =
        p.replacement === null || p.replacement === ''
          ? fr
            ? 'rien à la place'
            : 'nothing shown instead'
          : fr
            ? `${quote(p.replacement, lang)} à la place`
            : `${quote(p.replacement, lang)} shown instead`;
      return `${token}${colon(lang)} ${why(p, lang)}${fr ? ',' : ';'} ${instead}`;
    }
    case 'empty':
      return fr
        ? `${token}${colon(lang)} aucune valeur et pas de valeur par défaut, le message part avec un blanc`
        : `${token}: no value and no default; the message goes out with a blank`;
    case 'junk':
      return fr
        ? `${token}${colon(lang)} ${why(p, lang)} et pas de valeur par défaut, le message part tel quel`
        : `${token}: ${why(p, lang)} and no default; the message goes out as it is`;
  }
}

// ------------------------------------------------------------------ preference_mismatch

const CHANNEL_NAMES: Readonly<Record<Channel, Words>> = {
  web: words('site web', 'website'),
  app: words('application', 'app'),
  store: words('magasin', 'store'),
  call_centre: words('service client', 'customer service'),
  email: words('e-mail', 'e-mail'),
  sms: words('SMS', 'SMS'),
  push: words('notification push', 'push notification'),
  web_banner: words('bannière web', 'web banner'),
  social: words('réseaux sociaux', 'social media'),
};
const channelNames: ReadonlyMap<string, Words> = new Map(Object.entries(CHANNEL_NAMES));
const channelName = (value: string, lang: DomainLanguage) =>
  channelNames.get(value)?.[lang] ?? value;

const CATEGORY_WORDS: Readonly<Record<DomainLanguage, Readonly<Record<ProductCategory, string>>>> =
  {
    fr: CATEGORY_WORDS_FR,
    en: CATEGORY_WORDS_EN,
  };
/** A category in running text: « jeux vidéo »; a value that is no category, as stated. */
function categoryName(value: string, lang: DomainLanguage): string {
  const name = new Map(Object.entries(CATEGORY_WORDS[lang])).get(value);
  return name === undefined ? value : name.toLocaleLowerCase(LOCALE[lang]);
}

function mismatch(p: VerdictOf<'preference_mismatch'>['params'], lang: DomainLanguage): string {
  const fr = lang === 'fr';
  switch (p.rule) {
    case 'channel': {
      const preferred = channelName(p.preferred_channel ?? '', lang);
      const ours = channelName(p.channel, lang);
      return fr
        ? `Canal préféré${colon(lang)} ${preferred} (cette campagne${colon(lang)} ${ours})`
        : `Preferred channel: ${preferred} (this campaign: ${ours})`;
    }
    case 'interest': {
      const list = lists(lang).format(p.interests.map((i) => categoryName(i, lang)));
      const offer =
        p.category === null
          ? ''
          : fr
            ? ` (l’offre${colon(lang)} ${categoryName(p.category, lang)})`
            : ` (the offer: ${categoryName(p.category, lang)})`;
      return fr
        ? `Centres d’intérêt déclarés${colon(lang)} ${list}${offer}`
        : `Declared interests: ${list}${offer}`;
    }
  }
}

/** The verdict in words, or null when it is not one of the contact guardrails'. */
export function describeContactVerdict(verdict: Verdict, language: DomainLanguage): string | null {
  switch (verdict.guardrail) {
    case 'contact_pressure':
      return pressure(verdict.params, language);
    case 'quiet_hours':
      return quiet(verdict.params, language);
    case 'no_consent':
      return consent(verdict.params, language);
    case 'missing_data':
      return missing(verdict.params, language);
    case 'preference_mismatch':
      return mismatch(verdict.params, language);
    default:
      return null;
  }
}
