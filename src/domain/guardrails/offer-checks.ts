// The guardrails on what the message offers: already_owned, owned_base_product,
// meaningless_discount, answered_elsewhere, unavailable, offer_not_valid. Each is a pure function
// of the recipient's input, in its own file; this is their list, in the order a preview shows them.
import type { Guardrail } from './input.ts';
import { answeredElsewhere } from './offer-answered.ts';
import { meaninglessDiscount } from './offer-discount.ts';
import { alreadyOwned, ownedBaseProduct } from './offer-owned.ts';
import { offerNotValid, unavailable } from './offer-validity.ts';

export const offerGuardrails: readonly Guardrail[] = [
  alreadyOwned,
  ownedBaseProduct,
  meaninglessDiscount,
  answeredElsewhere,
  unavailable,
  offerNotValid,
];
