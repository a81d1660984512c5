// A recipient's time zone, from what their record says of where they live: quiet hours are kept
// on the recipient's wall clock, not the campaign's. France by postcode (metropolitan France and
// Corsica, the overseas departments and collectivities), a few neighbours by country (Spain's
// Canary Islands by postcode); anyone else, or a French record without a usable postcode, is read
// in the campaign's time zone.
import type { Customer } from '../profile/schema.ts';

/** Where the zone was read from: the postcode, the country alone, or the campaign (unknown). */
export type TimeZoneSource = 'postcode' | 'country' | 'campaign';

export interface RecipientTimeZone {
  /** An IANA time zone. */
  time_zone: string;
  source: TimeZoneSource;
}

/**
 * French postcodes by their first three digits. Saint-Barthélemy and Saint-Martin receive mail at
 * 97133 and 97150 (inside Guadeloupe's 971) but are also filed under their own codes 977 and 978.
 */
const FRENCH_POSTCODE_ZONES: ReadonlyMap<string, string> = new Map([
  ['97133', 'America/St_Barthelemy'],
  ['97150', 'America/Marigot'],
  ['971', 'America/Guadeloupe'],
  ['972', 'America/Martinique'],
  ['973', 'America/Cayenne'],
  ['974', 'Indian/Reunion'],
  ['975', 'America/Miquelon'],
  ['976', 'Indian/Mayotte'],
  ['977', 'America/St_Barthelemy'],
  ['978', 'America/Marigot'],
  ['980', 'Europe/Monaco'],
  ['986', 'Pacific/Wallis'],
  ['987', 'Pacific/Tahiti'],
  ['988', 'Pacific/Noumea'],
]);

/** Countries whose whole territory keeps one time (ISO 3166 codes, overseas France included). */
const COUNTRY_ZONES: ReadonlyMap<string, string> = new Map([
  ['GP', 'America/Guadeloupe'],
  ['MQ', 'America/Martinique'],
  ['GF', 'America/Cayenne'],
  ['RE', 'Indian/Reunion'],
  ['PM', 'America/Miquelon'],
  ['YT', 'Indian/Mayotte'],
  ['BL', 'America/St_Barthelemy'],
  ['MF', 'America/Marigot'],
  ['WF', 'Pacific/Wallis'],
  ['PF', 'Pacific/Tahiti'],
  ['NC', 'Pacific/Noumea'],
  ['BE', 'Europe/Brussels'],
  ['CH', 'Europe/Zurich'],
  ['LU', 'Europe/Luxembourg'],
  ['MC', 'Europe/Monaco'],
  ['DE', 'Europe/Berlin'],
  ['IT', 'Europe/Rome'],
  ['GB', 'Europe/London'],
  ['ES', 'Europe/Madrid'],
]);

/** Las Palmas (35) and Santa Cruz de Tenerife (38): the Canary Islands keep London's time. */
const CANARY_PREFIXES = new Set(['35', '38']);

/** A French postcode is five digits; metropolitan France and Corsica run from 01 to 95. */
function frenchZone(postcode: string): string | null {
  if (!/^\d{5}$/.test(postcode)) return null;
  const zone =
    FRENCH_POSTCODE_ZONES.get(postcode) ?? FRENCH_POSTCODE_ZONES.get(postcode.slice(0, 3));
  if (zone !== undefined) return zone;
  const department = Number(postcode.slice(0, 2));
  return department >= 1 && department <= 95 ? 'Europe/Paris' : null;
}

/** The recipient's time zone, and what it was read from. */
export function customerTimeZone(
  customer: Pick<Customer, 'country' | 'postcode'>,
  campaignTimeZone: string,
): RecipientTimeZone {
  const country = customer.country.toUpperCase();
  const postcode = (customer.postcode ?? '').replace(/\s/g, '');
  if (country === 'FR') {
    const zone = frenchZone(postcode);
    if (zone !== null) return { time_zone: zone, source: 'postcode' };
  } else if (country === 'ES' && /^\d{5}$/.test(postcode)) {
    const canary = CANARY_PREFIXES.has(postcode.slice(0, 2));
    return { time_zone: canary ? 'Atlantic/Canary' : 'Europe/Madrid', source: 'postcode' };
  } else {
    const zone = COUNTRY_ZONES.get(country);
    if (zone !== undefined) return { time_zone: zone, source: 'country' };
  }
  return { time_zone: campaignTimeZone, source: 'campaign' };
}
