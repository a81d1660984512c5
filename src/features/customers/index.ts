export { Customer360 } from './Customer360.tsx';
export { CustomersHome } from './CustomersHome.tsx';
export { CustomerSearch } from './CustomerSearch.tsx';
export { Timeline } from './Timeline.tsx';
export type { TimelineFilters } from './queries.ts';
