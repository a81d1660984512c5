import { fireEvent, screen } from '@testing-library/react';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { renderAt } from '../../test/render.tsx';
import { CustomerSearch } from './CustomerSearch.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

test('an over-long search says the limit in words and asks nothing of the server', async () => {
  const asked: string[] = [];
  mockApi.use(
    http.get('/api/customers', ({ request }) => {
      asked.push(request.url);
      return HttpResponse.json({ query: 'x', hits: [] });
    }),
  );
  renderAt('/customers', [{ path: '/customers', element: <CustomerSearch /> }]);
  const box = screen.getByRole('combobox', { name: 'Search customers' });
  fireEvent.focus(box);
  fireEvent.change(box, { target: { value: 'é'.repeat(5_000) } });
  expect(
    await screen.findByText(
      'A search is at most 200 characters (this one has 5,000): search by a name, an email, a phone or a card number.',
    ),
  ).toBeInTheDocument();
  expect(screen.queryByText(/Invalid query/)).toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 300));
  expect(asked).toEqual([]);
  expect(box).toHaveValue('é'.repeat(5_000));
});
