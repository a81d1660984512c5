// The segment builder end to end: a marketer builds "customers in Lyon who placed at least one
// order in store in the last 90 days" by clicking and typing only, and the count shown is the one
// this spec computes by hand from the same generated demo data.
import { BROWSER_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import { expect, seriousViolations, test } from './fixtures.ts';

const DAY_MS = 86_400_000;

/** Customers in Lyon (any case) with a completed store order at or after as_of − 90 days. */
function lyonStoreBuyersInLast90Days(): number {
  const { dataset } = generateDataset({
    seed: DEMO_SEED,
    customers: BROWSER_DEMO_CUSTOMERS,
    asOf: DEMO_AS_OF,
  });
  const asOf = Date.parse(DEMO_AS_OF);
  const since = asOf - 90 * DAY_MS;
  const buyers = new Set(
    dataset.orders
      .filter((o) => o.status === 'completed' && o.channel === 'store')
      .filter((o) => {
        const at = Date.parse(o.placed_at);
        return at >= since && at <= asOf;
      })
      .map((o) => o.customer_id),
  );
  return dataset.customers.filter(
    (c) => c.city?.toLowerCase() === 'lyon' && buyers.has(c.customer_id),
  ).length;
}

test('builds Lyon store buyers of the last 90 days by clicking and typing, and counts them exactly', async ({
  page,
}) => {
  const expected = lyonStoreBuyersInLast90Days();
  expect(expected, 'the demo data has such customers').toBeGreaterThan(0);

  await page.goto('/segments/new');
  await page.getByRole('button', { name: 'Add a first condition' }).click();
  await page.getByRole('combobox', { name: 'Search fields and events' }).fill('City');
  await page.getByRole('option', { name: /^City/ }).click();
  await page.getByRole('combobox', { name: 'Value for City' }).fill('Lyon');

  await page.getByRole('button', { name: 'Add a condition to all conditions' }).click();
  await page.getByRole('combobox', { name: 'Search fields and events' }).fill('placed');
  await page.keyboard.press('Enter');
  const order = page.getByRole('listitem', { name: 'Placed an order' });
  await expect(order.getByRole('combobox', { name: 'How many times: Placed an order' })).toHaveText(
    /at least/,
  );
  await order.getByRole('textbox', { name: 'Number of times for Placed an order' }).fill('1');
  await order.getByRole('textbox', { name: 'Days for Placed an order' }).fill('90');
  await order.getByRole('button', { name: 'Add a filter to Placed an order' }).click();
  await order.getByRole('combobox', { name: 'Value for Order channel (Placed an order)' }).click();
  await page.getByRole('option', { name: 'Store' }).click();

  await expect(page.getByRole('region', { name: 'In plain words' })).toHaveText(
    'Customers whose city is “Lyon” and who placed at least 1 order whose order channel is “store” in the last 90 days',
  );
  const audience = page.getByRole('complementary', { name: 'Audience' });
  // The announcement of the count; while a count runs, a second status ("Counting") is on screen.
  const announced = audience.getByRole('status').filter({ hasText: /match/ });
  await expect(announced).toHaveText(
    `${expected.toLocaleString('en-GB')} ${expected === 1 ? 'customer matches' : 'customers match'}.`,
  );

  // The link reproduces the builder, count included.
  await page.reload();
  await expect(page.getByRole('combobox', { name: 'Value for City' })).toHaveValue('Lyon');
  await expect(announced).toHaveText(new RegExp(`^${expected} customers? match`));

  expect(await seriousViolations(page)).toEqual([]);
});
