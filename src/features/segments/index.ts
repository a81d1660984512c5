export { SegmentBuilder } from './SegmentBuilder.tsx';
export { SegmentList } from './SegmentList.tsx';
export { segmentQueries } from './queries.ts';
