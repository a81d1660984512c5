import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, describe, expect, test } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { renderAt } from '../../test/render.tsx';
import { CustomersRoute } from './customers.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const routes = [
  { path: '/customers', element: <CustomersRoute /> },
  { path: '/customers/:customerId', element: <CustomersRoute /> },
];

describe('Customer 360', () => {
  test('shows the unified profile and the history, newest first', async () => {
    renderAt('/customers/C0000001', routes);
    const profile = await screen.findByRole('complementary', { name: 'Profile' });
    expect(await within(profile).findByRole('heading', { name: 'Olivier Marchand' })).toBeVisible();
    expect(within(profile).getByText('FID0012345678')).toBeVisible();
    const consent = within(profile).getByRole('region', { name: 'Consent' });
    expect(within(consent).getByText('withdrawn')).toBeVisible();
    const history = screen.getByRole('region', { name: 'History' });
    expect(await within(history).findByText('12 entries')).toBeVisible();
    const list = within(history).getByRole('list', { name: 'History entries' });
    const times = within(list)
      .getAllByRole('listitem')
      .filter((li) => li.parentElement === list)
      .map((li) => li.querySelector('time')?.getAttribute('datetime'));
    expect(times.length).toBe(12);
    expect([...times].sort().reverse()).toEqual(times);
  });

  test('filters the history by kind and keeps the filter in the URL', async () => {
    const user = userEvent.setup();
    const { router } = renderAt('/customers/C0000001', routes);
    const history = await screen.findByRole('region', { name: 'History' });
    await within(history).findByText('12 entries');
    await user.click(within(history).getByRole('button', { name: 'Consent' }));
    expect(await within(history).findByText('3 entries match')).toBeVisible();
    expect(router.state.location.search).toBe('?kind=consent');
  });

  test('finds a customer by loyalty card and opens the profile', async () => {
    const user = userEvent.setup();
    const { router } = renderAt('/customers', routes);
    await user.type(screen.getByRole('combobox', { name: 'Search customers' }), 'FID0012345678');
    const option = await screen.findByRole('option', { name: /Olivier Marchand/ });
    await user.keyboard('{ArrowDown}{Enter}');
    expect(option).toBeDefined();
    await waitFor(() => expect(router.state.location.pathname).toBe('/customers/C0000001'));
  });

  test('shows the empty state for a customer with no history', async () => {
    renderAt('/customers/C0000003', routes);
    expect(await screen.findByText('No history yet')).toBeVisible();
    expect(screen.getByRole('heading', { name: 'Sans-Histoire' })).toBeVisible();
  });

  test('says plainly when a customer does not exist', async () => {
    renderAt('/customers/C9999999', routes);
    expect(await screen.findByText('No customer C9999999')).toBeVisible();
  });

  test('shows a first name made of HTML as literal text', async () => {
    renderAt('/customers/C0000002', routes);
    const heading = await screen.findByRole('heading', {
      name: '<img src=x onerror=alert(1)> Durand',
    });
    expect(heading.querySelector('img')).toBeNull();
    expect(document.querySelector('img')).toBeNull();
  });

  describe('when the API fails', () => {
    const failTimeline = (resolver: Parameters<typeof http.get>[1]) =>
      mockApi.use(http.get(/\/api\/customers\/[^/]+\/timeline/, resolver));

    test('a 500 says the server failed and offers a retry', async () => {
      failTimeline(() =>
        HttpResponse.json({ error: { code: 'internal', message: 'boom' } }, { status: 500 }),
      );
      renderAt('/customers/C0000001', routes);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('The server failed');
      expect(alert).toHaveTextContent('answered 500');
      expect(within(alert).getByRole('button', { name: /retry/i })).toBeVisible();
    });

    test('a network failure says the API cannot be reached', async () => {
      failTimeline(() => HttpResponse.error());
      renderAt('/customers/C0000001', routes);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Cannot reach the profile API');
    });

    test('a malformed answer says it does not match the contract, and where', async () => {
      failTimeline(() => HttpResponse.json({ entries: 'nope', total: 1 }));
      renderAt('/customers/C0000001', routes);
      const alert = await screen.findByRole('alert');
      expect(alert).toHaveTextContent('Unexpected answer from the server');
      expect(alert).toHaveTextContent('entries');
    });

    test('an answer that is not JSON says so', async () => {
      failTimeline(() => new HttpResponse('<html>proxy error</html>', { status: 200 }));
      renderAt('/customers/C0000001', routes);
      expect(await screen.findByRole('alert')).toHaveTextContent('not JSON');
    });
  });
});
