// The team feature: an admin's page of users and API tokens, and everyone's own account page.
export { AccountRoute } from './AccountPage.tsx';
export { TeamRoute } from './TeamPage.tsx';
export { teamQueries } from './queries.ts';
