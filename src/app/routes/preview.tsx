// The per-recipient preview route: /campaigns/:campaignId/preview/:customerId?. The screen is
// src/features/preview; this module only reads the route's parameters.
export function CampaignPreviewRoute() {
  return null;
}
