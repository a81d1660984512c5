export { ModelCard } from './ModelCard.tsx';
