export { Customer360 } from './Customer360.tsx';
export { CustomersHome } from './CustomersHome.tsx';
export { CustomerSearch } from './CustomerSearch.tsx';
export { Timeline, type TimelineFocus, type TimelineMark } from './Timeline.tsx';
export { customerQueries, type TimelineFilters } from './queries.ts';
