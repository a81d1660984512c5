// The audit log page over stubs of its two routes (audit-log.fixtures.ts): the list in French, the
// filters in the URL and the requests, paging, an entry's diff, the CSV, the empty and failed
// states, and nothing asked for a non-admin.
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { http, HttpResponse, type HttpHandler } from 'msw';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { createTestI18n } from '../../test/i18n.ts';
import { renderAt } from '../../test/render.tsx';
import { saveTextFile } from '../../ui/download.ts';
import { applyLanguage, I18nProvider } from '../../ui/i18n/I18nProvider.tsx';
import { RoleProvider } from '../../ui/permissions.tsx';
import { ToastProvider } from '../../ui/Toast.tsx';
import { auditEntries, fakeAuditLog } from './audit-log.fixtures.ts';
import { AuditLogRoute } from './AuditLogPage.tsx';

vi.mock('../../ui/download.ts', () => ({ saveTextFile: vi.fn() }));

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mockApi.resetHandlers();
  vi.mocked(saveTextFile).mockClear();
  applyLanguage('en');
});
afterAll(() => mockApi.close());

const PAGE = '/settings/audit-log';
const routes = [
  { path: PAGE, element: <AuditLogRoute /> },
  { path: '/segments/:id', element: <p>The segment page</p> },
];

/** The page at `url` over the fake log, in English; `first` answers before it. */
function show(url = PAGE, log = fakeAuditLog(), ...first: HttpHandler[]) {
  mockApi.use(...first, ...log.handlers);
  const user = userEvent.setup();
  const { router } = renderAt(url, routes);
  return { user, log, router };
}

const entriesTable = () => screen.findByRole('table', { name: 'Audit log entries' });
/** The rows of a table, without its header. */
const bodyRows = (table: HTMLElement) => within(table).getAllByRole('row').slice(1);
const rowOf = async (text: string) => {
  const found = bodyRows(await entriesTable()).find((row) => row.textContent?.includes(text));
  if (found === undefined) throw new Error(`No row with ${text}`);
  return found;
};

test('lists the newest entries in French: the date, who, what, on what and its page, the version', async () => {
  const log = fakeAuditLog();
  mockApi.use(...log.handlers);
  const french = await createTestI18n('fr');
  const client = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  render(
    <I18nProvider i18n={french}>
      <QueryClientProvider client={client}>
        <ToastProvider>
          <RouterProvider router={createMemoryRouter(routes, { initialEntries: [PAGE] })} />
        </ToastProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
  const table = await screen.findByRole('table', { name: 'Entrées du journal d’audit' });
  // Grouped with a narrow no-break space (which the matcher reads as a space).
  expect(screen.getByText('1 234 entrées')).toHaveTextContent(/^1\u202f234 entrées$/, {
    normalizeWhitespace: false,
  });
  expect(screen.getByText('50 entrées affichées sur 1 234')).toBeInTheDocument();
  const rows = bodyRows(table);
  expect(rows).toHaveLength(50);
  const [renamed, deleted, , exported, policy] = rows;
  expect(renamed).toHaveTextContent(
    /^2 mars 2026, 10:15Bruno Durandbruno\.durandÉditeurSegment enregistréSegmentLyonnais et Grenobloisseg_lyon4$/,
  );
  expect(within(renamed!).getByRole('link', { name: 'Lyonnais et Grenoblois' })).toHaveAttribute(
    'href',
    '/segments/seg_lyon',
  );
  // The spring campaign is deleted: neither its deletion nor its earlier export links to it.
  expect(deleted).toHaveTextContent('Campagne supprimée');
  expect(deleted).toHaveTextContent('CampagnePrintempscmp_springsupprimé');
  expect(exported).toHaveTextContent('CRM synctoken:CRM syncÉditeurJeton d’API');
  expect(exported).toHaveTextContent('Export de campagne');
  for (const row of [deleted!, exported!]) expect(within(row).queryByRole('link')).toBeNull();
  expect(within(policy!).getByRole('link', { name: 'Garde-fous' })).toHaveAttribute(
    'href',
    '/campaigns/policy',
  );
  expect(screen.getByRole('button', { name: 'Afficher 50 de plus' })).toBeInTheDocument();
  expect(log.asked).toContainEqual({ limit: '50' });
});

test('each filter goes into the URL and into the request; the name is sent once typing stops', async () => {
  const { user, log, router } = show();
  await entriesTable();
  await user.type(screen.getByRole('searchbox', { name: 'Who' }), 'BRUNO');
  await waitFor(() => expect(router.state.location.search).toBe('?actor=BRUNO'));
  await waitFor(() => expect(log.asked).toContainEqual({ actor: 'BRUNO', limit: '50' }));
  expect(log.asked.filter((query) => 'actor' in query)).toEqual([{ actor: 'BRUNO', limit: '50' }]);
  await waitFor(() => expect(screen.getByText('1,230 entries')).toBeInTheDocument());

  await user.click(screen.getByRole('combobox', { name: 'Action' }));
  await user.click(await screen.findByRole('option', { name: 'Segment saved' }));
  await user.type(screen.getByRole('searchbox', { name: 'Target ID' }), 'seg_lyon{Enter}');
  fireEvent.change(screen.getByLabelText('From'), { target: { value: '2026-03-01' } });
  fireEvent.change(screen.getByLabelText('To'), { target: { value: '2026-03-02' } });
  await waitFor(() =>
    expect(router.state.location.search).toBe(
      '?actor=BRUNO&action=segment.update&target=seg_lyon&from=2026-03-01&to=2026-03-02',
    ),
  );
  await waitFor(() => expect(screen.getByText('1 entry')).toBeInTheDocument());
  expect(log.asked).toContainEqual({
    actor: 'BRUNO',
    action: 'segment.update',
    target: 'seg_lyon',
    from: '2026-03-01',
    to: '2026-03-02',
    limit: '50',
  });
  expect(bodyRows(await entriesTable())).toHaveLength(1);

  // A family of actions is a filter too; clearing them all asks for everything again.
  await user.click(screen.getByRole('combobox', { name: 'Action' }));
  await user.click(await screen.findByRole('option', { name: 'Campaigns: all' }));
  expect(router.state.location.search).toContain('action=campaign&');
  expect(await screen.findByText('No entry matches these filters')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Clear the filters' }));
  await waitFor(() => expect(router.state.location.search).toBe(''));
  expect(screen.getByRole('searchbox', { name: 'Who' })).toHaveValue('');
  expect(await screen.findByText('1,234 entries')).toBeInTheDocument();
});

test('a link with filters shows them, and a hand-edited field is ignored alone', async () => {
  const { log } = show(`${PAGE}?actor=alice&action=nonsense&from=2026-02-30&to=2026-03-01`);
  await entriesTable();
  expect(screen.getByRole('searchbox', { name: 'Who' })).toHaveValue('alice');
  expect(screen.getByRole('combobox', { name: 'Action' })).toHaveTextContent('All actions');
  expect(screen.getByLabelText('To')).toHaveValue('2026-03-01');
  expect(log.asked).toContainEqual({ actor: 'alice', to: '2026-03-01', limit: '50' });
});

test('Load more appends the next page, asked with the cursor, until the last', async () => {
  const { user, log } = show(PAGE, fakeAuditLog(auditEntries(75)));
  const table = await entriesTable();
  expect(bodyRows(table)).toHaveLength(50);
  expect(screen.getByText('50 of 80 entries shown')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Load 30 more' }));
  await waitFor(() => expect(bodyRows(table)).toHaveLength(80));
  expect(log.asked).toContainEqual({ cursor: 'al_000000000031', limit: '50' });
  const rows = bodyRows(table);
  expect(rows[0]).toHaveTextContent('Lyonnais et Grenoblois');
  expect(rows[49]).toHaveTextContent('Segment 31');
  expect(rows[50]).toHaveTextContent('Segment 30');
  expect(rows[79]).toHaveTextContent('Segment 1');
  expect(screen.getByText('80 of 80 entries shown')).toBeInTheDocument();
  expect(screen.queryByRole('button', { name: /Load/ })).toBeNull();
});

test('Enter on a row opens the entry with its diff; Escape closes it and the row has the focus again', async () => {
  const { user } = show();
  const row = await rowOf('Lyonnais et Grenoblois');
  row.focus();
  await user.keyboard('{Enter}');
  const dialog = await screen.findByRole('dialog', {
    name: 'Segment saved: Lyonnais et Grenoblois',
  });
  expect(dialog).toHaveTextContent('2 Mar 2026, 10:15, by Bruno Durand');
  expect(dialog).toHaveTextContent('Bruno Durand (bruno.durand) · Editor · signed in');
  expect(dialog).toHaveTextContent('Segment savedsegment.update');
  expect(dialog).toHaveTextContent('al_000000001234');
  const changes = within(dialog).getByRole('table', { name: 'Changes' });
  expect(bodyRows(changes).map((r) => r.textContent)).toEqual([
    'nameChanged“Lyonnais”“Lyonnais et Grenoblois”',
    'definition.root.children.0.test.value.1Addedabsent“Grenoble”',
  ]);
  expect(dialog).toHaveTextContent('What changed2 values');
  await user.keyboard('{Escape}');
  await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());
  expect(row).toHaveFocus();

  // The arrow keys move between rows; a click opens one too.
  await user.keyboard('{ArrowDown}');
  expect(await rowOf('Campaign deleted')).toHaveFocus();
  await user.click(within(await rowOf('Campaign deleted')).getByText('Alice Martin'));
  const deletion = await screen.findByRole('dialog', { name: 'Campaign deleted: Printemps' });
  expect(deletion).toHaveTextContent('Deleted by this change: every value was removed.');
  expect(bodyRows(within(deletion).getByRole('table', { name: 'Changes' }))).toHaveLength(2);
});

test('a long value is cut, shown as text and never as HTML, and shown whole on demand', async () => {
  const { user } = show();
  await user.click(await rowOf('Noël'));
  const dialog = await screen.findByRole('dialog', { name: 'Campaign saved: Noël' });
  const html = bodyRows(within(dialog).getByRole('table', { name: 'Changes' })).find((r) =>
    r.textContent?.startsWith('template.html'),
  )!;
  expect(dialog.querySelector('b')).toBeNull();
  expect(html).toHaveTextContent(
    'template.htmlChanged“<p>Bonjour</p>”“<p>Bonjour <b>{{ customer.first_name }}</b></p><p>Joyeux Noël !</p>',
  );
  expect(html).toHaveTextContent(/…”Show all 287 characters$/);
  const more = within(html).getByRole('button', { name: 'Show all 287 characters' });
  expect(more).toHaveAttribute('aria-expanded', 'false');
  await user.click(more);
  expect(html).toHaveTextContent(/(<p>Joyeux Noël !<\/p>){12}”Show less$/);
  expect(within(html).getByRole('button', { name: 'Show less' })).toHaveAttribute(
    'aria-expanded',
    'true',
  );
});

test('an export shows its details, a document it left as it was, and a deleted target unlinked', async () => {
  // The campaign's deletion is not among the exports: the log's deletions, read apart, tell.
  const { user, log } = show(`${PAGE}?action=export`);
  const row = await rowOf('Campaign export');
  await waitFor(() => expect(row).toHaveTextContent('deleted'));
  expect(within(row).queryByRole('link')).toBeNull();
  expect(log.asked).toContainEqual({ action: 'campaign.delete', limit: '200' });
  expect(log.asked).toContainEqual({ action: 'segment.delete', limit: '200' });
  await user.click(row);
  const dialog = await screen.findByRole('dialog', { name: 'Campaign export: Printemps' });
  expect(dialog).toHaveTextContent('CRM sync (token:CRM sync) · Editor · API token');
  expect(within(dialog).getByRole('region', { name: 'Details' })).toHaveTextContent(
    'FormatcsvWavepilot',
  );
  expect(dialog).toHaveTextContent('Nothing in the document changed.');
  expect(within(dialog).queryByRole('table', { name: 'Changes' })).toBeNull();
  expect(dialog).toHaveTextContent('CampaignPrintempscmp_springdeleted');
  expect(within(dialog).queryByRole('link')).toBeNull();
});

test('Download CSV asks for the CSV with the filters shown and saves it', async () => {
  const { user, log } = show(`${PAGE}?actor=alice&action=campaign`);
  expect(bodyRows(await entriesTable())).toHaveLength(2);
  await user.click(screen.getByRole('button', { name: 'Download CSV' }));
  await waitFor(() => expect(saveTextFile).toHaveBeenCalledTimes(1));
  expect(log.askedCsv).toEqual([{ actor: 'alice', action: 'campaign' }]);
  expect(saveTextFile).toHaveBeenCalledWith(
    'tact-audit-log.csv',
    [
      'entry_id,at,actor_login,action,target_id',
      'al_000000001233,2026-03-01T17:00:00Z,alice.martin,campaign.delete,cmp_spring',
      'al_000000001232,2026-03-01T08:30:00Z,alice.martin,campaign.update,cmp_noel',
      '',
    ].join('\n'),
  );
});

test('a list that fails says why and offers Retry', async () => {
  let failures = 1;
  // The list's first request fails; the deletions' are answered.
  const failOnce = http.get('*/api/audit-log', ({ request }) => {
    if (new URL(request.url).searchParams.get('limit') !== '50' || failures-- <= 0) return;
    return HttpResponse.json(
      { error: { code: 'internal', reason: 'internal', message: 'Boom.', params: {} } },
      { status: 500 },
    );
  });
  const { user } = show(PAGE, fakeAuditLog(), failOnce);
  expect(await screen.findByText('The server failed')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Retry' }));
  expect(await entriesTable()).toBeInTheDocument();
});

test('the log says it is loading, then that it is empty', async () => {
  show(PAGE, fakeAuditLog([]));
  expect(screen.getByRole('status', { name: 'Loading the audit log' })).toBeInTheDocument();
  expect(await screen.findByText('No entry yet')).toBeInTheDocument();
  expect(screen.getByText('0 entries')).toBeInTheDocument();
});

test('a user who is not an admin is told so, and nothing is asked of the server', async () => {
  const asked: string[] = [];
  mockApi.events.on('request:start', ({ request }) => void asked.push(request.url));
  renderAt(PAGE, [
    {
      path: PAGE,
      element: (
        <RoleProvider role="editor">
          <AuditLogRoute />
        </RoleProvider>
      ),
    },
  ]);
  expect(screen.getByText('Only administrators read the audit log')).toBeInTheDocument();
  expect(screen.queryByRole('table')).toBeNull();
  expect(screen.queryByRole('button', { name: 'Download CSV' })).toBeNull();
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(asked).toEqual([]);
  mockApi.events.removeAllListeners();
});
