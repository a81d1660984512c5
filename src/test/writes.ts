// What a component test's page sends that changes something, through the mock API: a role that
// may not save must send nothing.
import { onTestFinished } from 'vitest';
import { mockApi } from '../../mocks/node.ts';

/**
 * Every write the page sends from now until the test ends, as "METHOD /path"; GETs and the POSTs
 * `isRead` names (a count, a render: reads sent as POST) left out.
 */
export function recordWrites(isRead: (path: string) => boolean = () => false): string[] {
  const writes: string[] = [];
  const listener = ({ request }: { request: Request }) => {
    const path = new URL(request.url).pathname;
    if (request.method === 'GET' || isRead(path)) return;
    writes.push(`${request.method} ${path}`);
  };
  mockApi.events.on('request:start', listener);
  onTestFinished(() => mockApi.events.removeListener('request:start', listener));
  return writes;
}

/** Long enough for a request a key press would have started to reach the API. */
export const settle = () => new Promise((resolve) => setTimeout(resolve, 150));
