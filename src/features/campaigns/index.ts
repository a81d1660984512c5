// The campaigns feature: the list and the editor (with its Liquid editor and sample preview), and
// the rendered message the per-recipient preview shows too.
export { CampaignList } from './CampaignList.tsx';
export { CampaignEditor } from './CampaignEditor.tsx';
export { RenderedMessage, type EmailDevice } from './RenderedMessage.tsx';
export { campaignQueries } from './queries.ts';
export { cacheCampaign } from './mutations.ts';
