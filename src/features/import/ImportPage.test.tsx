// The import page over the API with imports of a runner of the test's own: the files chosen with
// their tables (and those no table takes), the mapping and the instant checked before anything is
// sent, the files' bytes arriving whole, the replace asked first, the progress, the report with
// every problem and its CSV; the demo's answer where there is no database; admins only.
import { render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { createMemoryRouter, RouterProvider } from 'react-router';
import { http, HttpResponse } from 'msw';
import { afterAll, afterEach, beforeAll, expect, test, vi } from 'vitest';
import {
  FIXTURE_AS_OF,
  FIXTURE_CUSTOMERS,
  mockApi,
  mockImports,
  type MockImportRun,
} from '../../../mocks/node.ts';
import type { ImportReport } from '../../api/contract/imports.ts';
import { renderAt } from '../../test/render.tsx';
import { testI18n } from '../../test/i18n.ts';
import { saveTextFile } from '../../ui/download.ts';
import { I18nProvider } from '../../ui/i18n/I18nProvider.tsx';
import { RoleProvider } from '../../ui/permissions.tsx';
import { ImportRoute } from './ImportPage.tsx';

vi.mock('../../ui/download.ts', () => ({ saveTextFile: vi.fn() }));

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
afterEach(() => {
  mockApi.resetHandlers();
  vi.mocked(saveTextFile).mockClear();
});
afterAll(() => mockApi.close());

const PAGE = '/settings/import';

/** The imports' runner records what it got and answers `report` once let go. */
function withImports(report: (ran: MockImportRun) => ImportReport) {
  const runs: MockImportRun[] = [];
  let release: () => void = () => undefined;
  const gate = new Promise<void>((resolve) => (release = resolve));
  mockImports(async (run) => {
    runs.push(run);
    run.onStep({ stage: 'read', table: 'customers' });
    await gate;
    return report(run);
  });
  return { runs, release };
}

const csv = (name: string, text: string) => new File([text], name, { type: 'text/csv' });
const clean = (ran: MockImportRun): ImportReport => ({
  files: Object.entries(ran.files).map(([file, text]) => {
    const rows = text.split('\n').length - 2; // the header and the last line's end
    return { table: file.replace('.csv', ''), file, read: rows, accepted: rows, rejected: 0 };
  }),
  problems: [],
  unlisted: 0,
  resolution: null,
  committed: !ran.check,
});

test('each file is shown with the table it fills; one no table takes, or twice, is flagged', async () => {
  const { runs } = withImports(clean);
  const user = userEvent.setup();
  renderAt(PAGE, [{ path: PAGE, element: <ImportRoute /> }]);
  const chooser = await screen.findByLabelText('Choose files');
  await user.upload(chooser, [
    csv('orders.csv', 'order_id\nO1\n'),
    csv('customers.csv', 'customer_id\nC1\n'),
    csv('commandes.csv', 'x\n'),
  ]);
  // A folder holds other files too; the file chooser offers only CSV and Parquet.
  await user.upload(screen.getByLabelText('Choose a folder'), [new File(['# notes'], 'README.md')]);
  const table = screen.getByRole('table', { name: 'Files' });
  const rows = within(table).getAllByRole('row').slice(1, -1);
  expect(
    rows.map((r) =>
      within(r)
        .getAllByRole('cell')
        .slice(0, 2)
        .map((c) => c.textContent),
    ),
  ).toEqual([
    ['customers.csv', 'customers'],
    ['orders.csv', 'orders'],
    ['commandes.csv', 'No table'],
  ]);
  expect(within(table).getAllByRole('row').at(-1)).toHaveTextContent('3 files29 bytes');
  expect(screen.getByText('Ignored (neither CSV nor Parquet): README.md')).toBeInTheDocument();
  expect(screen.getByText(/A file fills no table: rename it/)).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Import' }));
  // Nothing sent while a file fills no table.
  expect(runs).toEqual([]);
  await user.click(screen.getByRole('button', { name: 'Remove commandes.csv' }));
  await user.upload(screen.getByLabelText('Choose files'), [csv('orders.parquet', 'x')]);
  expect(screen.getByText('Two files for one table: keep one.')).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Remove orders.parquet' }));
  expect(screen.queryByText(/keep one/)).not.toBeInTheDocument();
});

test('a mapping renames a file before it is sent, and one that is not JSON is said at once', async () => {
  const { runs, release } = withImports(clean);
  const user = userEvent.setup();
  renderAt(PAGE, [{ path: PAGE, element: <ImportRoute /> }]);
  await user.upload(await screen.findByLabelText('Choose files'), [csv('clients.csv', 'a\n1\n')]);
  expect(screen.getByRole('cell', { name: 'No table' })).toBeInTheDocument();
  await user.upload(screen.getByLabelText('Choose a JSON file'), [
    new File(['{"tables": '], 'mapping.json'),
  ]);
  expect(await screen.findByRole('alert')).toHaveTextContent(/^mapping\.json is not valid JSON: /);
  const mapping = { tables: { customers: { file: 'clients' } } };
  await user.upload(screen.getByLabelText('Choose a JSON file'), [
    new File([JSON.stringify(mapping)], 'mapping.json'),
  ]);
  await waitFor(() => expect(screen.queryByRole('alert')).not.toBeInTheDocument());
  expect(screen.getByRole('cell', { name: 'customers' })).toBeInTheDocument();
  await user.click(screen.getByRole('button', { name: 'Import' }));
  await screen.findByText('Reading customers');
  release();
  await screen.findByText(/^Imported: every row was accepted \(1 row\)\./);
  expect(runs).toHaveLength(1);
  expect(runs[0]?.files).toEqual({ 'clients.csv': 'a\n1\n' });
  expect(runs[0]).toMatchObject({ mapping, replace: false, check: false });
});

test('the instant is checked before anything is sent; a check reads and writes nothing', async () => {
  const { runs, release } = withImports(clean);
  const user = userEvent.setup();
  renderAt(PAGE, [{ path: PAGE, element: <ImportRoute /> }]);
  await user.upload(await screen.findByLabelText('Choose files'), [
    csv('customers.csv', 'customer_id\nC1\nC2\n'),
  ]);
  const instant = screen.getByRole('textbox', { name: 'Data as of' });
  expect(instant).toHaveValue(FIXTURE_AS_OF);
  await user.clear(instant);
  await user.type(instant, '2026-11-16');
  await user.click(screen.getByRole('button', { name: 'Check without importing' }));
  expect(instant).toHaveAccessibleDescription(/^An instant with its offset, such as/);
  expect(runs).toEqual([]);
  await user.clear(instant);
  await user.type(instant, '2026-11-16T10:00:00+01:00');
  await user.click(screen.getByRole('button', { name: 'Check without importing' }));
  release();
  await screen.findByText(
    /^Checked: every row would be accepted \(2 rows\)\. Nothing was imported\./,
  );
  expect(runs[0]).toMatchObject({ check: true, asOf: '2026-11-16T09:00:00.000Z' });
});

test('replacing asks first; refused rows are listed by file and line, and as CSV', async () => {
  const { runs, release } = withImports((ran): ImportReport => ({
    files: [
      { table: 'customers', file: 'customers.csv', read: 3, accepted: 2, rejected: 1 },
      { table: 'orders', file: null, read: 0, accepted: 0, rejected: 0 },
    ],
    problems: [
      {
        file: 'customers.csv',
        line: 3,
        column: 'first_name',
        code: 'formula',
        params: {},
        message: 'starts like a spreadsheet formula',
      },
      {
        file: 'customers.csv',
        line: 1,
        column: 'colour',
        code: 'unknown_column',
        params: { column: 'colour', expected: 'customer_id, first_name' },
        message: 'Unknown column "colour"',
      },
      {
        file: 'customers.csv',
        line: 2,
        column: 'gender',
        code: 'invalid_value',
        params: { values: ['female', 'male', 'unspecified'] },
        message: 'Invalid option',
      },
    ],
    unlisted: 4,
    resolution: null,
    committed: ran.check,
  }));
  const user = userEvent.setup();
  renderAt(PAGE, [{ path: PAGE, element: <ImportRoute /> }]);
  await user.upload(await screen.findByLabelText('Choose files'), [
    csv('customers.csv', 'customer_id\nC1\nC2\nC3\n'),
  ]);
  await user.click(screen.getByRole('radio', { name: /^Replace all data/ }));
  await user.click(screen.getByRole('button', { name: 'Replace all data' }));
  const customers = FIXTURE_CUSTOMERS;
  const ask = await screen.findByRole('dialog', {
    name: `Replace the data of ${customers} customers?`,
  });
  expect(within(ask).getByRole('button', { name: 'Cancel' })).toHaveFocus();
  await user.click(within(ask).getByRole('button', { name: 'Cancel' }));
  expect(runs).toEqual([]);
  await user.click(screen.getByRole('button', { name: 'Replace all data' }));
  await user.click(await screen.findByRole('button', { name: 'Replace the data' }));
  await screen.findByText('Reading customers');
  const bar = screen.getByRole('progressbar', { name: 'Import progress' });
  expect(bar).toHaveAttribute('aria-valuemax', '55');
  release();
  await screen.findByText('Nothing was imported: 7 problems in 1 file. The data is unchanged.');
  expect(runs[0]).toMatchObject({ replace: true, check: false });
  const problems = screen.getByRole('table', { name: 'Problems (7)' });
  expect(
    within(problems)
      .getAllByRole('row')
      .slice(1)
      .map((r) =>
        within(r)
          .getAllByRole('cell')
          .map((c) => c.textContent),
      ),
  ).toEqual([
    [
      'customers.csv',
      '3',
      'first_name',
      'Starts like a spreadsheet formula (=, +, -, @): refused so that no export can run it.',
    ],
    [
      'customers.csv',
      '1',
      'colour',
      'Unknown column “colour”: expected customer_id, first_name (a mapping file can rename it).',
    ],
    ['customers.csv', '2', 'gender', expect.stringMatching(/female.*male.*unspecified/)],
  ]);
  expect(screen.getByText(/… and 4 more problems/)).toBeInTheDocument();
  const files = screen.getByRole('table', { name: 'Files read' });
  expect(within(files).getAllByRole('row')[2]).toHaveTextContent('ordersno file000');
  await user.click(screen.getByRole('button', { name: 'Problems as CSV' }));
  // The same words as on screen.
  const written = (vi.mocked(saveTextFile).mock.calls[0]?.[1] ?? '').split('\r\n');
  expect(written.slice(0, 3)).toEqual([
    'file,line,column,problem',
    'customers.csv,3,first_name,"Starts like a spreadsheet formula (=, +, -, @): refused so that no export can run it."',
    'customers.csv,1,colour,"Unknown column “colour”: expected customer_id, first_name (a mapping file can rename it)."',
  ]);
  expect(written[3]).toMatch(/^customers\.csv,2,gender,.*female.*male.*unspecified/);
  // Listed with its outcome; a new import starts from an empty form.
  const recent = screen.getByRole('table', { name: 'Recent imports' });
  expect(within(recent).getAllByRole('row')[1]).toHaveTextContent(
    /Replace.*customers\.csv7 problems/,
  );
  await user.click(screen.getByRole('button', { name: 'New import' }));
  expect(screen.getByText('No file chosen.')).toBeInTheDocument();
});

test('where there is no database (the browser demo), the page says where imports are made', async () => {
  renderAt(PAGE, [{ path: PAGE, element: <ImportRoute /> }]);
  expect(await screen.findByText('Importing goes through Tact’s server')).toBeInTheDocument();
  expect(screen.queryByLabelText('Choose files')).not.toBeInTheDocument();
});

test('where the data sits in ClickHouse, the page names the command that loads it', async () => {
  mockApi.use(
    http.get(/\/api\/imports$/, () =>
      HttpResponse.json({
        available: false,
        store: 'clickhouse',
        as_of: FIXTURE_AS_OF,
        customers: FIXTURE_CUSTOMERS,
        imports: [],
      }),
    ),
  );
  renderAt(PAGE, [{ path: PAGE, element: <ImportRoute /> }]);
  expect(await screen.findByText('The data sits in ClickHouse')).toBeInTheDocument();
  expect(screen.getByText(/npm run clickhouse-load -- --dir FOLDER/)).toBeInTheDocument();
  expect(screen.queryByText('Importing goes through Tact’s server')).not.toBeInTheDocument();
  expect(screen.queryByLabelText('Choose files')).not.toBeInTheDocument();
});

test('anyone but an admin is told so, and nothing is asked of the server', async () => {
  const asked = vi.fn();
  mockApi.events.on('request:start', asked);
  const client = new QueryClient();
  const router = createMemoryRouter([{ path: PAGE, element: <ImportRoute /> }], {
    initialEntries: [PAGE],
  });
  render(
    <I18nProvider i18n={testI18n}>
      <QueryClientProvider client={client}>
        <RoleProvider role="editor">
          <RouterProvider router={router} />
        </RoleProvider>
      </QueryClientProvider>
    </I18nProvider>,
  );
  expect(await screen.findByText('Only an admin imports data')).toBeInTheDocument();
  expect(asked).not.toHaveBeenCalled();
  mockApi.events.removeAllListeners();
});

test.each([
  { mode: 'a replace', joined: 0, merged: 0, stored: [] },
  {
    mode: 'an update',
    joined: 640,
    merged: 2,
    stored: [
      'Of which already stored (records joined them) = 640',
      'Stored profiles merged into another = 2',
    ],
  },
])(
  'a resolved import ($mode) says how many records made how many profiles, and by which rule',
  async ({ joined, merged, stored }) => {
    const { release } = withImports((ran): ImportReport => ({
      ...clean(ran),
      resolution: {
        records: 2553,
        profiles: 1000,
        joined,
        merged,
        merges: { link_table: 173, verified_email: 653, loyalty_card: 590, phone: 137 },
        conflicts: 0,
        shared_devices: [
          { kind: 'app_device', value: 'dev-1', profiles: ['APP-0000011', 'APP-0000012'] },
        ],
        unknown_links: 0,
      },
    }));
    const user = userEvent.setup();
    renderAt(PAGE, [{ path: PAGE, element: <ImportRoute /> }]);
    await user.upload(await screen.findByLabelText('Choose files'), [
      csv('source_records.csv', 'record_id\nWEB-1\n'),
    ]);
    expect(screen.getByRole('cell', { name: 'source_records' })).toBeInTheDocument();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    release();
    const section = await screen.findByRole('region', { name: 'Identity resolution' });
    const pairs = within(section)
      .getAllByRole('term')
      .map((term) => `${term.textContent ?? ''} = ${term.nextElementSibling?.textContent ?? ''}`);
    expect(pairs).toEqual([
      'Records received (per source system) = 2,553',
      'Profiles made = 1,000',
      ...stored,
      'Records linked by the link table = 173',
      '… by the verified e-mail = 653',
      '… by the loyalty card = 590',
      '… by the phone (E.164) = 137',
      'Profiles to check (several cards or verified e-mails) = 0',
      'Shared devices, never merged = 1',
      'Links to a record no file holds = 0',
    ]);
    expect(section).toHaveTextContent('Shared device: dev-1 (APP-0000011, APP-0000012)');
  },
);
