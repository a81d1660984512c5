// The per-recipient preview: the screen, its URL state and its queries.
export { PreviewScreen, type PreviewScreenProps } from './PreviewScreen.tsx';
export {
  NO_FILTERS,
  parseRecipientFilters,
  withRecipientFilters,
  type RecipientFilters,
} from './filters.ts';
export { previewQueries } from './queries.ts';
export type {
  EvidenceFocus,
  EvidenceMark,
  MessageProps,
  PreviewParts,
  SegmentSource,
  SegmentWording,
  TimelinePanelProps,
} from './parts.ts';
