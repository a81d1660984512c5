// The contact-pressure forecast: beside the segment builder's live count and beside a campaign.
export { CampaignForecast, type CampaignForecastProps } from './CampaignForecast.tsx';
export { SegmentForecast, type SegmentForecastProps } from './SegmentForecast.tsx';
