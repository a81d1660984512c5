// The guardrails on what the message offers: already_owned, owned_base_product,
// meaningless_discount, answered_elsewhere, unavailable, offer_not_valid.
import type { Guardrail } from './input.ts';

export const offerGuardrails: readonly Guardrail[] = [];
