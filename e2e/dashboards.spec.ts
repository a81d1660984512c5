// The buyers dashboard as a marketer uses it: the default period, then a saved segment, then a
// shorter period; each time the table's figures equal what this spec counts from the generated
// rows, and the CSV holds the same numbers as the table.
import { readFileSync } from 'node:fs';
import type { Locator, Page } from '@playwright/test';
import { E2E_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { expect, seriousViolations, test } from './fixtures.ts';

const DAY_MS = 86_400_000;
const frenchCount = new Intl.NumberFormat('fr-FR');
const { dataset } = generateDataset({
  seed: DEMO_SEED,
  customers: E2E_DEMO_CUSTOMERS,
  asOf: DEMO_AS_OF,
});

function monthsFrom(from: string, to: string): string[] {
  const out: string[] = [];
  let [y, m] = from.split('-').map(Number) as [number, number];
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    if (month > to) return out;
    out.push(month);
    m += 1;
    if (m === 13) [y, m] = [y + 1, 1];
  }
}

/** Per month: first-time buyers, repeat buyers, orders — counted from the rows. */
function expected(months: string[], members: Set<string> | null): number[][] {
  const completed = dataset.orders.filter((o) => o.status === 'completed');
  const firstMonth = new Map<string, string>();
  for (const o of completed) {
    const month = o.placed_at.slice(0, 7);
    const seen = firstMonth.get(o.customer_id);
    if (seen === undefined || month < seen) firstMonth.set(o.customer_id, month);
  }
  return months.map((month) => {
    const orders = completed.filter(
      (o) => o.placed_at.startsWith(month) && (members === null || members.has(o.customer_id)),
    );
    const buyers = new Set(orders.map((o) => o.customer_id));
    const first = [...buyers].filter((id) => firstMonth.get(id) === month).length;
    return [first, buyers.size - first, orders.length];
  });
}

/** seg_cinephiles: a completed order with a film in the last 365 days. */
function cinephiles(): Set<string> {
  const asOf = Date.parse(DEMO_AS_OF);
  const films = new Set(dataset.products.filter((p) => p.category === 'films').map((p) => p.sku));
  const withFilm = new Set(
    dataset.order_lines.filter((l) => films.has(l.sku)).map((l) => l.order_id),
  );
  return new Set(
    dataset.orders
      .filter((o) => o.status === 'completed' && withFilm.has(o.order_id))
      .filter((o) => {
        const at = Date.parse(o.placed_at);
        return at >= asOf - 365 * DAY_MS && at <= asOf;
      })
      .map((o) => o.customer_id),
  );
}

/** The table's first-time, repeat and orders columns, row by row. */
/** A quality list's dialog opened as a segment: the builder counts `count` customers. */
async function opensAsSegment(page: Page, list: Locator, count: number): Promise<void> {
  await list.getByRole('link', { name: 'Ouvrir comme segment' }).click();
  await expect(page).toHaveURL(/\/segments\/new\?d=/);
  await expect(
    page
      .getByRole('complementary', { name: 'Audience' })
      .getByRole('status')
      .filter({ hasText: /correspond/ }),
  ).toHaveText(
    `${frenchCount.format(count)} ${count === 1 ? 'client correspond' : 'clients correspondent'}.`,
  );
}

async function tableFigures(page: Page): Promise<number[][]> {
  const table = page.getByRole('table', {
    name: 'Nouveaux acheteurs et acheteurs récurrents par mois, en tableau',
  });
  await expect(table).toBeVisible();
  const rows = await table.locator('tbody tr').all();
  const out: number[][] = [];
  for (const row of rows) {
    const cells = await row.locator('td').allTextContents();
    out.push(cells.slice(1, 4).map((c) => Number(c.replace(/\s/g, ''))));
  }
  return out;
}

test('the buyers dashboard counts first-time and repeat buyers exactly, by segment and period', async ({
  page,
}) => {
  await page.goto('/dashboards');
  const card = page.getByRole('region', {
    name: 'Nouveaux acheteurs et acheteurs récurrents',
    exact: true,
  });
  await card.getByRole('button', { name: 'Afficher le tableau' }).click();
  const year = monthsFrom('2025-12', '2026-11');
  const everyone = expected(year, null);
  await expect.poll(() => tableFigures(page)).toEqual(everyone);
  expect(everyone.some(([first, repeat]) => (first ?? 0) > 0 && (repeat ?? 0) > 0)).toBe(true);

  // The CSV holds the table's numbers.
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Télécharger le CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv[0]).toContain('Nouveaux acheteurs');
  expect(csv.slice(1).map((line) => line.split(',').slice(1, 4).map(Number))).toEqual(everyone);
  expect(csv.slice(1).map((line) => line.split(',')[0])).toEqual(year);
  // Side by side by channel: the first-time buyers of each channel, as the rows say.
  const byChannel = page.getByRole('region', {
    name: 'Nouveaux acheteurs et acheteurs récurrents par canal de commande',
  });
  await byChannel.getByRole('button', { name: 'Afficher le tableau' }).click();
  const completed = dataset.orders.filter((o) => o.status === 'completed');
  const firstOrder = new Map<string, string>();
  for (const o of [...completed].sort((x, y) => (x.placed_at < y.placed_at ? -1 : 1)))
    if (!firstOrder.has(o.customer_id)) firstOrder.set(o.customer_id, o.placed_at.slice(0, 7));
  const firstOnStore = new Set(
    completed
      .filter(
        (o) =>
          o.channel === 'store' &&
          o.placed_at.slice(0, 7) === firstOrder.get(o.customer_id) &&
          o.placed_at.slice(0, 7) >= '2025-12' &&
          o.placed_at.slice(0, 7) <= '2026-11',
      )
      .map((o) => o.customer_id),
  );
  await expect(
    byChannel.getByRole('row').filter({ hasText: 'Magasin' }).getByRole('cell').nth(1),
  ).toHaveText(frenchCount.format(firstOnStore.size));
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);

  // A saved segment: fewer buyers, the figures of its members.
  await page.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'Cinéphiles (films achetés sur 12 mois)' }).click();
  const members = cinephiles();
  await expect.poll(() => tableFigures(page)).toEqual(expected(year, members));
  await expect(page.getByRole('region', { name: 'Filtres' })).toContainText(
    `${frenchCount.format(members.size)} membres aujourd’hui`,
  );
  await expect(page).toHaveURL(/segment=seg_cinephiles/);

  // A shorter period, kept in the link.
  await page.getByLabel('Du mois').fill('2026-06');
  const summer = monthsFrom('2026-06', '2026-11');
  await expect.poll(() => tableFigures(page)).toEqual(expected(summer, members));
  await expect(page).toHaveURL(/from=2026-06/);
  await page.reload();
  await card.getByRole('button', { name: 'Afficher le tableau' }).click();
  await expect.poll(() => tableFigures(page)).toEqual(expected(summer, members));
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);
});

test('the value dashboard: customers, value and the most valuable customers, as the rows say', async ({
  page,
}) => {
  /** Completed orders placed in [from, to] (months), per customer, ranked by value. */
  function valuesIn(from: string, to: string, members: Set<string> | null) {
    const values = new Map<string, { cents: number; orders: number }>();
    for (const o of dataset.orders) {
      const month = o.placed_at.slice(0, 7);
      if (o.status !== 'completed' || month < from || month > to) continue;
      if (members !== null && !members.has(o.customer_id)) continue;
      const v = values.get(o.customer_id) ?? { cents: 0, orders: 0 };
      v.cents += o.total_cents;
      v.orders += 1;
      values.set(o.customer_id, v);
    }
    const ranked = [...values].sort((a, b) => b[1].cents - a[1].cents || (a[0] < b[0] ? -1 : 1));
    return { customers: values.size, ranked, total: ranked.reduce((n, [, v]) => n + v.cents, 0) };
  }
  const euros = new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' });
  const { customers, ranked, total } = valuesIn('2025-12', '2026-11', null);

  await page.goto('/dashboards?view=value');
  const tiles = page.getByRole('definition');
  await expect(page.getByRole('term').filter({ hasText: 'Clients ayant commandé' })).toBeVisible();
  await expect(tiles.first()).toHaveText(frenchCount.format(customers));
  await expect(tiles.nth(1)).toHaveText(euros.format(total / 100));

  const top = page.getByRole('table', { name: 'Clients les plus précieux' });
  /** The top table's rows: customer id and orders. */
  const topRows = () =>
    top
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].slice(0, 2).map((td) => td.textContent)),
      )
      .then((rows) => rows.map(([id, orders]) => [id, Number(orders?.replace(/\s/g, ''))]));
  const expectedTop = (r: typeof ranked) => r.slice(0, 10).map(([id, v]) => [id, v.orders]);
  await expect.poll(topRows).toEqual(expectedTop(ranked));
  expect(ranked.length).toBeGreaterThanOrEqual(10);
  // Its CSV holds the same customers and their value in euros.
  const card = page.getByRole('region', { name: 'Clients les plus précieux' });
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Télécharger le CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv.slice(1).map((line) => line.split(','))).toEqual(
    ranked.slice(0, 10).map(([id, v]) => [id, String(v.orders), (v.cents / 100).toFixed(2)]),
  );
  // A customer opens their 360.
  await top.getByRole('link', { name: ranked[0]?.[0] ?? '' }).click();
  await expect(page).toHaveURL(new RegExp(`/customers/${ranked[0]?.[0] ?? ''}$`));
  await page.goBack();
  await expect(page.getByRole('heading', { name: 'Concentration de la valeur' })).toBeVisible();

  // Predicted value: every customer with a completed order in a band; each segment's members.
  const buyers = new Set(
    dataset.orders.filter((o) => o.status === 'completed').map((o) => o.customer_id),
  );
  const bands = page.getByRole('region', { name: 'Valeur prédite, 12 prochains mois' });
  await bands.getByRole('button', { name: 'Afficher le tableau' }).click();
  const bandCounts = await bands
    .getByRole('table')
    .locator('tbody tr td:nth-child(2)')
    .allTextContents();
  expect(bandCounts.reduce((n, c) => n + Number(c.replace(/\s/g, '')), 0)).toBe(buyers.size);
  const bySegment = page.getByRole('table', { name: 'Valeur prédite par segment' });
  await expect(
    bySegment.getByRole('row').filter({ hasText: 'Cinéphiles' }).getByRole('cell').nth(1),
  ).toHaveText(frenchCount.format(cinephiles().size));
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);

  // A saved segment, then a shorter period: its members' orders in it, kept in the link.
  const members = cinephiles();
  await page.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'Cinéphiles (films achetés sur 12 mois)' }).click();
  const theirs = valuesIn('2025-12', '2026-11', members);
  expect(theirs.customers).toBeLessThan(customers);
  await expect(tiles.first()).toHaveText(frenchCount.format(theirs.customers));
  await expect(tiles.nth(1)).toHaveText(euros.format(theirs.total / 100));
  await expect.poll(topRows).toEqual(expectedTop(theirs.ranked));
  // Every member has a completed order (a film bought): each is in a predicted-value band.
  const bandTotal = async () =>
    (await bands.getByRole('table').locator('tbody tr td:nth-child(2)').allTextContents()).reduce(
      (n, c) => n + Number(c.replace(/\s/g, '')),
      0,
    );
  await expect.poll(bandTotal).toBe(members.size);

  await page.getByLabel('Du mois').fill('2026-06');
  await expect(page).toHaveURL(/from=2026-06/);
  await expect(page).toHaveURL(/segment=seg_cinephiles/);
  const summer = valuesIn('2026-06', '2026-11', members);
  expect(summer.customers).toBeLessThan(theirs.customers);
  await expect(tiles.first()).toHaveText(frenchCount.format(summer.customers));
  await expect(tiles.nth(1)).toHaveText(euros.format(summer.total / 100));
  await expect.poll(topRows).toEqual(expectedTop(summer.ranked));
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);
});

test('the propensity dashboard: every customer in a band or unscored, as the rows say', async ({
  page,
}) => {
  const buyers = new Set(
    dataset.orders.filter((o) => o.status === 'completed').map((o) => o.customer_id),
  );
  const unscored = dataset.customers.length - buyers.size;
  await page.goto('/dashboards?view=propensity');
  await expect(page.getByText(/^Scores au /)).toContainText(
    `${frenchCount.format(buyers.size)} clients scorés ; ${frenchCount.format(unscored)} sans commande`,
  );
  const card = page.getByRole('region', { name: 'Propension d’achat' });
  await card.getByRole('button', { name: 'Afficher le tableau' }).click();
  const table = card.getByRole('table', { name: 'Clients par tranche de propension, en tableau' });
  const rows = await table.locator('tbody tr').all();
  expect(rows).toHaveLength(10);
  let d30 = 0;
  let d90 = 0;
  for (const row of rows) {
    const cells = await row.locator('td').allTextContents();
    d30 += Number(cells[1]?.replace(/\s/g, ''));
    d90 += Number(cells[2]?.replace(/\s/g, ''));
  }
  expect(d30).toBe(buyers.size);
  expect(d90).toBe(buyers.size);
  // Its CSV holds the same counts.
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Télécharger le CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv.slice(1).reduce((n, line) => n + Number(line.split(',')[1]), 0)).toBe(buyers.size);
  await expect(
    page.getByRole('region', { name: 'Calibration sur la période de contrôle' }),
  ).toBeVisible();
  // Churn month by month: twelve month ends, each banding every customer who had ordered by then;
  // the last one (the as-of day) is today's churn bands.
  const trend = page.getByRole('region', { name: 'Risque d’attrition mois par mois' });
  await trend.getByRole('button', { name: 'Afficher le tableau' }).click();
  const trendRows = await trend
    .getByRole('table', { name: 'Risque d’attrition par mois, en tableau' })
    .locator('tbody tr')
    .all();
  expect(trendRows).toHaveLength(12);
  const asOfDay = DEMO_AS_OF.slice(0, 10);
  const asOfMonth = Number(asOfDay.slice(0, 4)) * 12 + Number(asOfDay.slice(5, 7)) - 1;
  // Each month's last day (the day before the next month's first), the last one the as-of day.
  const cutoffs = Array.from({ length: 12 }, (_, i) => {
    const month = asOfMonth - 11 + i;
    return i === 11
      ? asOfDay
      : new Date(Date.UTC(Math.floor((month + 1) / 12), (month + 1) % 12, 1) - DAY_MS)
          .toISOString()
          .slice(0, 10);
  });
  /** Per month end: the customers (of `members`) with a completed order by then. */
  const bandedBy = (members: Set<string> | null) =>
    cutoffs.map(
      (cutoff) =>
        new Set(
          dataset.orders
            .filter(
              (o) =>
                o.status === 'completed' &&
                o.placed_at.slice(0, 10) <= cutoff &&
                (members === null || members.has(o.customer_id)),
            )
            .map((o) => o.customer_id),
        ).size,
    );
  const totals: number[][] = [];
  for (const [i, row] of trendRows.entries()) {
    const cells = (await row.locator('td').allTextContents()).map((c) =>
      Number(c.replace(/\s/g, '')),
    );
    const bands = cells.slice(1, 4);
    totals.push(bands);
    expect(bands.reduce((n, v) => n + v, 0)).toBe(bandedBy(null)[i]);
  }
  const churnCard = page.getByRole('region', { name: 'Risque d’attrition', exact: true });
  const today = await churnCard
    .getByRole('table', { name: 'Clients par niveau de risque d’attrition' })
    .locator('tbody tr td:nth-child(2)')
    .allTextContents();
  expect(today.map((c) => Number(c.replace(/\s/g, '')))).toEqual(totals[11]);
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);

  // A saved segment: its members only — every one scored (each bought a film), in the bands today
  // and, month by month, those who had ordered by then.
  const members = cinephiles();
  /** The 30- and 90-day propensity columns, each added up over the bands. */
  const propensityTotals = async () => {
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      );
    return [1, 2].map((c) =>
      rows.reduce((n, cells) => n + Number((cells[c] ?? '').replace(/\s/g, '')), 0),
    );
  };
  /** Each month's churn bands added up. */
  const trendTotals = async () =>
    (
      await trend
        .getByRole('table', { name: 'Risque d’attrition par mois, en tableau' })
        .locator('tbody tr')
        .evaluateAll((trs) =>
          trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
        )
    ).map((cells) => cells.slice(1, 4).reduce((n, c) => n + Number(c.replace(/\s/g, '')), 0));
  await page.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'Cinéphiles (films achetés sur 12 mois)' }).click();
  expect(members.size).toBeLessThan(buyers.size);
  await expect(page.getByText(/^Scores au /)).toContainText(
    `${frenchCount.format(members.size)} clients scorés ; 0 sans commande`,
  );
  await expect.poll(propensityTotals).toEqual([members.size, members.size]);
  await expect.poll(trendTotals).toEqual(bandedBy(members));

  // The period does not apply to scores (as of the data's date): the page says so, nothing moves.
  await page.getByLabel('Du mois').fill('2026-06');
  await expect(page).toHaveURL(/from=2026-06/);
  await expect(page.getByText(/^Scores au /)).toContainText(
    'la période et le canal ne s’y appliquent pas',
  );
  await expect(page.getByText(/^Scores au /)).toContainText(
    `${frenchCount.format(members.size)} clients scorés`,
  );
  await expect.poll(propensityTotals).toEqual([members.size, members.size]);
  await expect.poll(trendTotals).toEqual(bandedBy(members));
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);
});

test('the campaigns dashboard: each campaign’s recipients, holdout and conversions, as the rows say', async ({
  page,
}) => {
  const percent = new Intl.NumberFormat('fr-FR', {
    style: 'percent',
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
  });
  const WEEK_MS = 7 * DAY_MS;
  const names = new Map(dataset.campaigns.map((c) => [c.campaign_id, c.name]));
  /** Per campaign sent in [from, to]: messages, recipients, converted recipients, held out. */
  function counted(from: string, to: string, members: Set<string> | null) {
    const sendOf = new Map<string, string>();
    const earliest = (id: string, at: string) => {
      const seen = sendOf.get(id);
      if (seen === undefined || at < seen) sendOf.set(id, at);
    };
    for (const m of dataset.messages) earliest(m.campaign_id, m.sent_at);
    for (const h of dataset.holdouts) earliest(h.campaign_id, h.held_at);
    const completed = dataset.orders.filter((o) => o.status === 'completed');
    const out = new Map<
      string,
      { month: string; messages: number; recipients: number; converted: number; held: number }
    >();
    for (const [id, at] of sendOf) {
      const month = at.slice(0, 7);
      if (month < from || month > to) continue;
      const mine = dataset.messages.filter(
        (m) => m.campaign_id === id && (members === null || members.has(m.customer_id)),
      );
      const first = new Map<string, number>();
      for (const m of mine) {
        const ms = Date.parse(m.sent_at);
        first.set(m.customer_id, Math.min(ms, first.get(m.customer_id) ?? Infinity));
      }
      const converted = [...first].filter(([customer, start]) =>
        completed.some(
          (o) =>
            o.customer_id === customer &&
            Date.parse(o.placed_at) > start &&
            Date.parse(o.placed_at) <= start + WEEK_MS,
        ),
      ).length;
      const held = new Set(
        dataset.holdouts
          .filter((h) => h.campaign_id === id && (members === null || members.has(h.customer_id)))
          .map((h) => h.customer_id),
      ).size;
      if (first.size + held > 0)
        out.set(names.get(id) ?? id, {
          month,
          messages: mine.length,
          recipients: first.size,
          converted,
          held,
        });
    }
    return out;
  }
  /**
   * The table's rows: name → messages, recipients, converted (as shown), held out. Read in one go:
   * the rows change under a reader going row by row while new figures arrive.
   */
  async function shown() {
    const table = page.getByRole('table', { name: 'Performance des campagnes' });
    await expect(table).toBeVisible();
    const rows = await table
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [
          tr.querySelector('a')?.textContent ?? '',
          ...[...tr.querySelectorAll('td')].map((td) => td.textContent ?? ''),
        ]),
      );
    const number = (text: string | undefined) => Number((text ?? '').replace(/\s/g, ''));
    return new Map(
      rows.map(([name = '', ...cells]) => [
        name,
        {
          messages: number(cells[1]),
          recipients: number(cells[5]),
          converted: cells[6] ?? '',
          held: cells[8] === 'Aucun' ? 0 : number(cells[8]),
        },
      ]),
    );
  }
  const asShown = (figures: ReturnType<typeof counted>) =>
    new Map(
      [...figures].map(([name, f]) => [
        name,
        {
          messages: f.messages,
          recipients: f.recipients,
          converted: f.recipients > 0 ? percent.format(f.converted / f.recipients) : '—',
          held: f.held,
        },
      ]),
    );

  await page.goto('/dashboards?view=campaigns');
  const year = counted('2025-12', '2026-11', null);
  expect([...year.values()].some((f) => f.held > 0)).toBe(true);
  await expect.poll(shown).toEqual(asShown(year));

  // The campaigns table's CSV holds the same recipients and holdouts.
  const card = page.getByRole('region', { name: 'Campagnes', exact: true });
  const download = page.waitForEvent('download');
  await card.getByRole('button', { name: 'Télécharger le CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n')
    .map((line) => line.split(','));
  expect(csv[0]?.[0]).toBe('Campagne');
  const header = csv[0] ?? [];
  const column = (label: string) => header.indexOf(label);
  expect(
    new Map(
      csv
        .slice(1)
        .map((cells) => [
          cells[0] ?? '',
          [Number(cells[column('Destinataires')]), Number(cells[column('Témoins')])],
        ]),
    ),
  ).toEqual(new Map([...year].map(([name, f]) => [name, [f.recipients, f.held]])));
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);

  // Month by month: each month's campaigns, recipients, those who ordered and holdouts add up the
  // campaigns sent in it; its CSV holds the same numbers.
  const byMonth = (figures: ReturnType<typeof counted>, months: string[]) =>
    months.map((month) => {
      const sent = [...figures.values()].filter((f) => f.month === month);
      const add = (pick: (f: (typeof sent)[number]) => number) =>
        sent.reduce((n, f) => n + pick(f), 0);
      return [sent.length, add((f) => f.recipients), add((f) => f.converted), add((f) => f.held)];
    });
  const monthly = page.getByRole('region', { name: 'Campagnes mois par mois' });
  await monthly.getByRole('button', { name: 'Afficher le tableau' }).click();
  /** Campaigns, recipients, recipients who ordered and holdouts per month, as the table shows. */
  const shownMonths = () =>
    monthly
      .getByRole('table', { name: 'Campagnes par mois, en tableau' })
      .locator('tbody tr')
      .evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent ?? '')),
      )
      .then((rows) =>
        rows.map((cells) => [1, 6, 7, 10].map((i) => Number((cells[i] ?? '').replace(/\s/g, '')))),
      );
  const yearMonths = monthsFrom('2025-12', '2026-11');
  expect(byMonth(year, yearMonths).filter(([n]) => (n ?? 0) > 0).length).toBeGreaterThan(1);
  await expect.poll(shownMonths).toEqual(byMonth(year, yearMonths));
  const monthsCsv = page.waitForEvent('download');
  await monthly.getByRole('button', { name: 'Télécharger le CSV' }).click();
  const monthRows = readFileSync(await (await monthsCsv).path(), 'utf8')
    .trim()
    .split('\r\n')
    .slice(1)
    .map((line) => line.split(','));
  expect(monthRows.map((cells) => cells[0])).toEqual(yearMonths);
  expect(monthRows.map((cells) => [1, 6, 7, 10].map((i) => Number(cells[i])))).toEqual(
    byMonth(year, yearMonths),
  );

  // A saved segment keeps its members among recipients and holdouts alike.
  await page.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'Cinéphiles (films achetés sur 12 mois)' }).click();
  const members = cinephiles();
  await expect.poll(shown).toEqual(asShown(counted('2025-12', '2026-11', members)));

  // A shorter period: the campaigns sent in it.
  await page.getByLabel('Du mois').fill('2026-06');
  await expect.poll(shown).toEqual(asShown(counted('2026-06', '2026-11', members)));
  await expect
    .poll(shownMonths)
    .toEqual(byMonth(counted('2026-06', '2026-11', members), monthsFrom('2026-06', '2026-11')));
  await expect(page).toHaveURL(/view=campaigns/);
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);
});

test('the data quality dashboard: each count opens its customers, and each list a segment', async ({
  page,
}) => {
  const validEmail = /^[^@\s]+@[^@\s]+\.[^@\s]+$/;
  const invalid = dataset.customers
    .filter((c) => c.email !== null && c.email !== '' && !validEmail.test(c.email))
    .map((c) => c.customer_id)
    .sort();
  const missing = dataset.customers.filter((c) => c.email === null || c.email === '').length;
  const smsKnown = new Set(
    dataset.consents.filter((k) => k.channel === 'sms').map((k) => k.customer_id),
  );
  const smsUnknown = dataset.customers.length - smsKnown.size;
  expect(invalid.length).toBeGreaterThan(0);

  await page.goto('/dashboards?view=quality');
  const contact = page.getByRole('table', { name: 'Qualité des coordonnées' });
  const emailRow = contact.getByRole('row').filter({ hasText: 'E-mail' });
  await expect(emailRow.getByRole('cell').nth(2)).toHaveText(frenchCount.format(invalid.length));
  await expect(emailRow.getByRole('cell').nth(3)).toHaveText(frenchCount.format(missing));
  // The consent table (the chart's alternative) and its CSV agree with the rows.
  const consent = page.getByRole('region', { name: 'Consentement par canal' });
  await consent.getByRole('button', { name: 'Afficher le tableau' }).click();
  const smsRow = consent.getByRole('row').filter({ hasText: 'SMS' });
  await expect(smsRow.getByRole('cell').nth(3)).toHaveText(frenchCount.format(smsUnknown));
  const download = page.waitForEvent('download');
  await consent.getByRole('button', { name: 'Télécharger le CSV' }).click();
  const csv = readFileSync(await (await download).path(), 'utf8')
    .trim()
    .split('\r\n');
  expect(csv.find((line) => line.startsWith('sms,'))?.split(',')[3]).toBe(String(smsUnknown));
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);

  // The invalid addresses open as a list, a page at a time, in customer id order.
  await emailRow.getByRole('button', { name: /Adresse e-mail invalide : ouvrir/ }).click();
  const dialog = page.getByRole('dialog', { name: 'Adresse e-mail invalide' });
  await expect(dialog).toContainText(`${frenchCount.format(invalid.length)} clients`);
  const ids = dialog.getByRole('table').getByRole('link');
  await expect(ids).toHaveText(invalid.slice(0, 50));
  await expect(page).toHaveURL(/list=email_invalid/);
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);

  // And as a segment: the builder counts the same customers.
  await opensAsSegment(page, dialog, invalid.length);

  // A consent never asked for is a segment too: the customers without any SMS consent record.
  await page.goto('/dashboards?view=quality');
  const consents = page.getByRole('region', { name: 'Consentement par canal' });
  await consents.getByRole('button', { name: 'Afficher le tableau' }).click();
  await consents
    .getByRole('button', { name: /^Consentement SMS jamais recueilli : ouvrir/ })
    .click();
  const smsList = page.getByRole('dialog', { name: 'Consentement SMS jamais recueilli' });
  await expect(smsList).toContainText(`${frenchCount.format(smsUnknown)} clients`);
  await opensAsSegment(page, smsList, smsUnknown);

  // A device several profiles use opens as a segment too: the profiles the rows say share one.
  const holders = new Map<string, Set<string>>();
  for (const i of dataset.identities)
    if (i.kind === 'app_device' || i.kind === 'web_cookie')
      holders.set(
        `${i.kind} ${i.value}`,
        (holders.get(`${i.kind} ${i.value}`) ?? new Set()).add(i.customer_id),
      );
  const sharing = new Set([...holders.values()].filter((h) => h.size > 1).flatMap((h) => [...h]));
  expect(sharing.size, 'the demo has households sharing a tablet').toBeGreaterThan(0);
  await page.goto('/dashboards?view=quality');
  await page.getByRole('button', { name: /^Profils partageant un appareil : ouvrir/ }).click();
  const sharedList = page.getByRole('dialog', { name: 'Profils partageant un appareil' });
  await expect(sharedList).toContainText(`${frenchCount.format(sharing.size)} clients`);
  await expect(sharedList.getByRole('table').getByRole('link')).toHaveText(
    [...sharing].sort().slice(0, 50),
  );
  await opensAsSegment(page, sharedList, sharing.size);

  // A saved segment: its members' addresses and consents; the period does not apply (the data
  // as it is today: the page says so, nothing moves).
  const members = cinephiles();
  const theirs = dataset.customers.filter((c) => members.has(c.customer_id));
  const theirFigures = [
    theirs.filter((c) => c.email !== null && c.email !== '' && !validEmail.test(c.email)).length,
    theirs.filter((c) => c.email === null || c.email === '').length,
    theirs.filter((c) => !smsKnown.has(c.customer_id)).length,
  ];
  expect(theirFigures).not.toEqual([invalid.length, missing, smsUnknown]);
  await page.goto('/dashboards?view=quality');
  await page.getByRole('combobox', { name: 'Segment' }).click();
  await page.getByRole('option', { name: 'Cinéphiles (films achetés sur 12 mois)' }).click();
  await expect(page).toHaveURL(/segment=seg_cinephiles/);
  const again = page.getByRole('region', { name: 'Consentement par canal' });
  await again.getByRole('button', { name: 'Afficher le tableau' }).click();
  const shownFigures = async () => {
    const cell = async (row: Locator, n: number) =>
      Number(((await row.getByRole('cell').nth(n).textContent()) ?? '').replace(/\s/g, ''));
    const email = page
      .getByRole('table', { name: 'Qualité des coordonnées' })
      .getByRole('row')
      .filter({ hasText: 'E-mail' });
    const sms = again.getByRole('row').filter({ hasText: 'SMS' });
    return [await cell(email, 2), await cell(email, 3), await cell(sms, 3)];
  };
  await expect.poll(shownFigures).toEqual(theirFigures);
  await page.getByLabel('Du mois').fill('2026-06');
  await expect(page).toHaveURL(/from=2026-06/);
  await expect(page.getByText(/la période et le canal ne s’appliquent pas/)).toBeVisible();
  await expect.poll(shownFigures).toEqual(theirFigures);
  expect(await seriousViolations(page, [], 'mock')).toEqual([]);
});
