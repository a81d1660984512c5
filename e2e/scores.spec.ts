// Scores in the Customer 360: a frequent buyer and a lapsed one, both chosen from the generated
// orders by this spec, show their scores and explanations, and read the way a marketer expects —
// the regular buyer likely to buy, low churn; the lapsed one unlikely, high churn, and told why.
// In French, as a French marketer's browser opens it: labels by their French names, figures and the
// as-of date as the French UI writes them.
import type { Page } from '@playwright/test';
import { E2E_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { expect, seriousViolations, test } from './fixtures.ts';

const DAY_MS = 86_400_000;

/** The as-of day as the French UI writes it (« 16 nov. 2026 »), Paris time. */
const AS_OF_DAY = new Intl.DateTimeFormat('fr-FR', {
  timeZone: 'Europe/Paris',
  day: 'numeric',
  month: 'short',
  year: 'numeric',
}).format(Date.parse(DEMO_AS_OF));

/** A silence as the French explanation writes it: « il y a 212 jours », « aujourd’hui ». */
function frenchSilence(days: number): string {
  if (days === 0) return 'aujourd’hui';
  return `il y a ${new Intl.NumberFormat('fr-FR').format(days)} ${days < 2 ? 'jour' : 'jours'}`;
}

/** A French percentage (« 98,8 % », a no-break space before %) as a number; NaN for anything else. */
function frenchPercent(text: string): number {
  const match = /^(\d+(?:,\d+)?)\u00a0%$/.exec(text.trim());
  return match?.[1] ? Number(match[1].replace(',', '.')) : Number.NaN;
}

/** The most frequent recent buyer, and the customer with several orders who stopped longest ago. */
function pickCustomers() {
  const { dataset } = generateDataset({
    seed: DEMO_SEED,
    customers: E2E_DEMO_CUSTOMERS,
    asOf: DEMO_AS_OF,
  });
  const asOf = Date.parse(DEMO_AS_OF);
  const days = new Map<string, Set<number>>();
  for (const o of dataset.orders) {
    if (o.status !== 'completed') continue;
    const set = days.get(o.customer_id) ?? new Set<number>();
    set.add(Math.floor(Date.parse(o.placed_at) / DAY_MS));
    days.set(o.customer_id, set);
  }
  const rows = [...days].map(([id, set]) => ({
    id,
    orders: set.size,
    idleDays: Math.floor(asOf / DAY_MS) - Math.max(...set),
  }));
  const frequent = rows
    .filter((r) => r.idleDays <= 30)
    .sort((a, b) => b.orders - a.orders || (a.id < b.id ? -1 : 1))[0];
  const lapsed = rows
    .filter((r) => r.orders >= 4)
    .sort((a, b) => b.idleDays - a.idleDays || (a.id < b.id ? -1 : 1))[0];
  if (!frequent || !lapsed) throw new Error('The demo data has no such customers.');
  return { frequent, lapsed };
}

async function scoresOf(page: Page, id: string) {
  await page.goto(`/customers/${id}`);
  const panel = page.getByRole('region', { name: 'Scores' });
  await expect(panel.getByText(new RegExp(`^Au ${AS_OF_DAY} · `))).toBeVisible({ timeout: 20_000 });
  const figure = async (label: string) =>
    panel.getByText(label, { exact: true }).locator('xpath=..').locator('dd').first().innerText();
  const percent = async (label: string) => frenchPercent(await figure(label));
  return {
    panel,
    buys30: await percent('Achat sous 30 j'),
    buys90: await percent('Achat sous 90 j'),
    churn: await figure('Churn sous 90 j'),
    headline: await panel
      .getByText(/de chances de commander dans les 30 prochains jours/)
      .innerText(),
    why: await panel.getByRole('list', { name: 'Pourquoi' }).innerText(),
  };
}

test('a frequent buyer and a lapsed one get scores that read as a marketer expects', async ({
  page,
}) => {
  const { frequent, lapsed } = pickCustomers();
  expect(frequent.orders).toBeGreaterThan(lapsed.orders);

  const regular = await scoresOf(page, frequent.id);
  expect(regular.churn).toMatch(/^Faible · /);
  expect(regular.buys90).toBeGreaterThan(50);
  // The explanation is worded in French, figures as France writes them.
  expect(regular.headline).toMatch(
    /^\d+(,\d)?\s% de chances de commander .*risque de churn faible/,
  );
  expect(regular.why).toContain(`Dernière commande ${frenchSilence(frequent.idleDays)},`);
  expect(regular.why).not.toMatch(/\b(days?|ago|Bought|Spends?|percentile)\b/);
  expect(await seriousViolations(page)).toEqual([]);

  const gone = await scoresOf(page, lapsed.id);
  expect(gone.churn).toMatch(/^Élevé · /);
  expect(gone.buys90).toBeLessThan(regular.buys90);
  expect(gone.buys30).toBeLessThan(regular.buys30);
  // The explanation names the silence, in days, as the data has it.
  expect(gone.headline).toContain('risque de churn élevé');
  expect(gone.why).toContain(`Dernière commande ${frenchSilence(lapsed.idleDays)},`);
  await expect(
    gone.panel.getByRole('img', { name: 'fait baisser le score' }).first(),
  ).toBeVisible();

  // The model card the scores point to is one click away.
  await expect(gone.panel.getByRole('link', { name: 'fiche du modèle' })).toHaveAttribute(
    'href',
    '/dashboards#model-card',
  );
});
