import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import { QueryState, type QueryStateProps } from './QueryState.tsx';

type Members = string[];

function renderState(props: Partial<QueryStateProps<Members>>) {
  return render(
    <QueryState<Members>
      status="success"
      error={null}
      data={undefined}
      empty={<p>No members yet</p>}
      loadingLabel="Loading members"
      {...props}
    >
      {(members) => (
        <ul aria-label="Members">
          {members.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      )}
    </QueryState>,
  );
}

test('announces loading with a label that names what is loading', () => {
  renderState({ status: 'pending' });
  expect(screen.getByRole('status', { name: 'Loading members' })).toBeVisible();
  expect(screen.queryByRole('list')).toBeNull();
});

test('words an API error in the user’s language, and Retry calls back', async () => {
  const onRetry = vi.fn();
  // An API error as the client raises it, read by shape; its English detail is for logs only.
  const error = {
    kind: 'http',
    status: 503,
    reason: 'internal',
    params: {},
    issues: [],
    detail: 'Service unavailable (English, for logs).',
    retryable: true,
  };
  renderState({ status: 'error', error, onRetry });
  const alert = screen.getByRole('alert');
  expect(alert).toHaveTextContent('The server failed');
  expect(alert).toHaveTextContent('The profile API answered 503.');
  expect(alert).not.toHaveTextContent('for logs');
  await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
  expect(onRetry).toHaveBeenCalledTimes(1);
});

test('offers no Retry when the error says retrying cannot help', () => {
  const error = {
    kind: 'http',
    status: 404,
    reason: 'customer_not_found',
    params: { customer_id: 'C0000042' },
    issues: [],
    retryable: false,
  };
  renderState({ status: 'error', error, onRetry: () => undefined });
  expect(screen.getByRole('alert')).toHaveTextContent('Not found');
  expect(screen.getByRole('alert')).toHaveTextContent('No customer C0000042.');
  expect(screen.queryByRole('button', { name: 'Retry' })).toBeNull();
});

test('falls back to a generic message for an error without title and detail', () => {
  renderState({ status: 'error', error: new Error('boom'), onRetry: () => undefined });
  expect(screen.getByRole('alert')).toHaveTextContent('Something went wrong');
  expect(screen.getByRole('button', { name: 'Retry' })).toBeVisible();
});

test('keeps earlier data on screen when a refresh fails', () => {
  const error = { kind: 'http', status: 500, reason: null, params: {}, issues: [] };
  renderState({ status: 'error', error, data: ['Olivier'] });
  expect(screen.getByRole('alert')).toHaveTextContent('Showing the data loaded earlier.');
  expect(screen.getByRole('listitem')).toHaveTextContent('Olivier');
});

test('shows the empty state for an empty list, or whatever isEmpty decides', () => {
  const { unmount } = renderState({ data: [] });
  expect(screen.getByText('No members yet')).toBeVisible();
  unmount();
  renderState({ data: ['Olivier'], isEmpty: (members) => members.every((m) => m === 'Olivier') });
  expect(screen.getByText('No members yet')).toBeVisible();
});

test('renders the children with the data', () => {
  renderState({ data: ['Olivier', 'Camille'] });
  expect(screen.getAllByRole('listitem').map((li) => li.textContent)).toEqual([
    'Olivier',
    'Camille',
  ]);
  expect(screen.queryByRole('status')).toBeNull();
});
