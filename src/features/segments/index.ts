export { SegmentBuilder } from './SegmentBuilder.tsx';
export { segmentQueries } from './queries.ts';
