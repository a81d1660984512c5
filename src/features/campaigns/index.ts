// The campaigns feature: the list and the editor (with its Liquid editor and sample preview).
export { CampaignList } from './CampaignList.tsx';
export { CampaignEditor } from './CampaignEditor.tsx';
export { campaignQueries } from './queries.ts';
