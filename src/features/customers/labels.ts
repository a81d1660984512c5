// Codes shown to the marketer (channels, identity kinds) in the words of the user's language;
// a code the catalogue does not know yet reads as humanized words rather than a raw code.
import type { TFunction } from 'i18next';
import { channel, consentChannel, identityKind } from '../../domain/profile/schema.ts';
import { humanize } from '../../ui/format.ts';

type T = TFunction<'customers'>;

const anyChannel = channel.or(consentChannel);

/** A touchpoint or consent channel: call_centre → "Call centre" / « Centre d’appels ». */
export function channelLabel(t: T, code: string): string {
  const known = anyChannel.safeParse(code);
  return known.success ? t(`channel.${known.data}`) : humanize(code);
}

/** What identified the customer: loyalty_card → "Loyalty card" / « Carte fidélité ». */
export function identityKindLabel(t: T, code: string): string {
  const known = identityKind.safeParse(code);
  return known.success ? t(`identityKind.${known.data}`) : humanize(code);
}
