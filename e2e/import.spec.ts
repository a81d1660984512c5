// Importing a retailer's files through the admin's screen (issue 14). On the real server: the demo
// written in the import layout by `npm run export-demo`, then imported through the screen replacing
// the store's data; the report counts every generated row; the showcase customer's 360 and the
// example segment's count are those of the seeded store (the count the spec computes itself). Then
// a broken copy — a day of no calendar, an unknown column, a missing required column, a duplicate
// id, an order line of no order, a formula, bytes that are not UTF-8 — is reported file by file and
// line by line, and nothing of the store changes. The browser's demo signs in as an editor: the
// page is an admin's.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { E2E_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { E2E_USERS, signIn } from './accounts.ts';
import { lyonStoreBuyersInLast90Days } from './expected.ts';
import { countPattern, exampleCount, frenchCount, plain, the360 } from './screens.ts';
import { demoData, expect, seriousViolations, test } from './fixtures.ts';

test('in the browser’s demo, signed in as its editor, the import page is an admin’s', async ({
  page,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'mock', 'the server’s admin imports below');
  await page.goto('/settings/import');
  await expect(page.getByText('Seul un administrateur importe des données')).toBeVisible();
  await expect(page.getByText('Choisir des fichiers')).toHaveCount(0);
});

/** Chooses `dir`'s files on the import page, in `mode`, and starts; the report's verdict comes. */
async function importFiles(page: Page, dir: string, mode: 'update' | 'replace') {
  await page
    .getByLabel('Choisir des fichiers')
    .setInputFiles(readdirSync(dir).map((name) => join(dir, name)));
  await expect(page.getByRole('table', { name: 'Fichiers', exact: true })).toContainText(
    'order_lines.csv',
  );
  if (mode === 'replace') {
    await page.getByRole('radio', { name: /^Remplacer toutes les données/ }).check();
    await page.getByRole('button', { name: 'Remplacer toutes les données' }).click();
    const ask = page.getByRole('dialog', {
      name: /^Remplacer les données de [\d\s\u202f]+ clients/,
    });
    await expect(ask).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);
    await ask.getByRole('button', { name: 'Remplacer les données' }).click();
  } else {
    await page.getByRole('button', { name: 'Importer', exact: true }).click();
  }
  // The steps, then the report.
  await expect(page.getByRole('heading', { name: 'Rapport' })).toBeVisible({ timeout: 45_000 });
}

test('the demo exported, imported through the screen, gives back the same customers; a broken copy changes nothing', async ({
  browser,
  planted,
}, testInfo) => {
  test.skip(testInfo.project.name !== 'server', 'imports need the server’s database');
  test.setTimeout(150_000);
  const showcase = planted('omnichannel_showcase');
  const { dataset } = demoData();
  const expectedCount = lyonStoreBuyersInLast90Days().count;
  const dir = mkdtempSync(join(tmpdir(), 'tact-e2e-import-'));
  try {
    // The demo in the import layout, as the README's command writes it.
    execFileSync(
      process.execPath,
      [
        '--import',
        'tsx',
        'server/cli/export-demo.ts',
        '--dir',
        join(dir, 'demo'),
        '--customers',
        String(E2E_DEMO_CUSTOMERS),
        '--seed',
        String(DEMO_SEED),
      ],
      { stdio: 'pipe' },
    );

    const page = await (
      await browser.newContext({ storageState: { cookies: [], origins: [] } })
    ).newPage();
    await signIn(page, E2E_USERS.admin, '/customers');
    const before360 = await the360(page, showcase.customer_id);
    const beforeCount = await exampleCount(page);
    expect(beforeCount).toBe(
      `${plain(frenchCount.format(expectedCount))} ${expectedCount === 1 ? 'client correspond' : 'clients correspondent'}.`,
    );

    // Through the account menu, as an admin finds it.
    await page.getByRole('button', { name: /^Compte : Alice Admin/ }).click();
    await page.getByRole('link', { name: 'Import de données' }).click();
    await expect(page.getByRole('heading', { name: 'Importer des données' })).toBeVisible();
    expect(await seriousViolations(page)).toEqual([]);

    await importFiles(page, join(dir, 'demo'), 'replace');
    await expect(page.getByRole('status').filter({ hasText: /^Importé/ })).toContainText(
      'Importé : toutes les lignes ont été acceptées',
    );
    // Every generated row read and accepted, file by file.
    const files = page.getByRole('table', { name: 'Fichiers lus' });
    const tables = [
      'customers',
      'identities',
      'consents',
      'preferences',
      'stores',
      'products',
      'store_stock',
      'orders',
      'order_lines',
      'events',
      'messages',
      'holdouts',
      'offers',
      'offer_responses',
      'campaigns',
    ] as const;
    for (const table of tables) {
      const n = countPattern(dataset[table].length);
      await expect(
        files
          .getByRole('row')
          .filter({ has: page.getByRole('cell', { name: table, exact: true }) }),
        table,
      ).toHaveText(new RegExp(`^${table}${table}\\.csv${n}${n}0$`));
    }
    expect(await seriousViolations(page)).toEqual([]);

    // The store now holds the files' rows only: the same 360, the same count.
    expect(await the360(page, showcase.customer_id)).toEqual(before360);
    expect(await exampleCount(page)).toBe(beforeCount);

    // A broken copy.
    const broken = join(dir, 'broken');
    cpSync(join(dir, 'demo'), broken, { recursive: true });
    const edit = (name: string, change: (lines: string[]) => void) => {
      const lines = readFileSync(join(broken, name), 'utf8').split('\n');
      change(lines);
      writeFileSync(join(broken, name), lines.join('\n'));
    };
    // orders.csv line 5: 30 February.
    edit('orders.csv', (lines) => {
      const cells = (lines[4] ?? '').split(',');
      const at = cells.findIndex((cell) => /^\d{4}-\d{2}-\d{2}T/.test(cell));
      cells[at] = '2026-02-30T10:00:00Z';
      lines[4] = cells.join(',');
    });
    // customers.csv: line 2's customer again as line 4; line 11's first name a formula.
    edit('customers.csv', (lines) => {
      lines.splice(3, 0, lines[1] ?? '');
      const cells = (lines[10] ?? '').split(',');
      cells[1] = '=1+1';
      lines[10] = cells.join(',');
    });
    // events.csv: a column the layout does not have.
    edit('events.csv', (lines) => {
      for (let i = 0; i < lines.length; i += 1)
        if (lines[i] !== '') lines[i] = `${lines[i] ?? ''},${i === 0 ? 'colour' : 'red'}`;
    });
    // stores.csv: without its required city (and what follows).
    edit('stores.csv', (lines) => {
      for (let i = 0; i < lines.length; i += 1)
        lines[i] = (lines[i] ?? '').split(',').slice(0, 2).join(',');
    });
    // order_lines.csv line 6: a line of an order that exists nowhere.
    edit('order_lines.csv', (lines) => lines.splice(5, 0, 'O-NOWHERE,1,VG-00017,1,1999,0'));
    // messages.csv line 3: bytes that are not UTF-8.
    const messages = readFileSync(join(broken, 'messages.csv'));
    const second = messages.indexOf(10, messages.indexOf(10) + 1);
    writeFileSync(
      join(broken, 'messages.csv'),
      Buffer.concat([
        messages.subarray(0, second + 1),
        Buffer.from([0xff, 0xfe, 0x2c]),
        messages.subarray(second + 1),
      ]),
    );

    await page.goto('/settings/import');
    // The replacing import is listed, with its outcome.
    await expect(
      page.getByRole('table', { name: 'Imports récents' }).getByRole('row').nth(1),
    ).toContainText(/Alice AdminRemplacement.*Importé/);
    await importFiles(page, broken, 'update');
    await expect(page.getByRole('status').filter({ hasText: /^Rien/ })).toContainText(
      'Rien n’a été importé',
    );
    const problems = page.getByRole('table', { name: /^Problèmes/ });
    const rows = await problems
      .getByRole('row')
      .evaluateAll((trs) =>
        trs.slice(1).map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    const where = rows.map(([file, line, column]) => `${file}:${line}:${column}`);
    for (const expected of [
      'orders.csv:5:placed_at',
      'customers.csv:4:customer_id',
      'customers.csv:11:first_name',
      'events.csv:1:colour',
      'stores.csv:1:city',
      'order_lines.csv:6:order_id',
      'messages.csv:3:',
    ])
      expect(
        where.some((w) => w.startsWith(expected)),
        `${expected} in ${where.join(' | ')}`,
      ).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    // Nothing changed.
    expect(await the360(page, showcase.customer_id)).toEqual(before360);
    expect(await exampleCount(page)).toBe(beforeCount);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
