export { Dashboards } from './Dashboards.tsx';
export { ModelCard } from './ModelCard.tsx';
