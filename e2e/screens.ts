// What several specs read off the screens the same way: the showcase customer's 360 and the
// example segment's count, with French figures as the UI writes them.
import type { Page } from '@playwright/test';
import { builderLink, LYON_STORE_BUYERS } from './expected.ts';
import { demoData, expect } from './fixtures.ts';

export const frenchCount = new Intl.NumberFormat('fr-FR');
/** French figures with their narrow no-break spaces as plain spaces. */
export const plain = (text: string) => text.replace(/[\u202f\u00a0]/g, ' ');
/** A count as the French UI writes it, as a pattern (its group separator any space). */
export const countPattern = (n: number) =>
  frenchCount.format(n).replace(/[\u202f\u00a0 ]/g, '\\s?');

/** The showcase customer's 360 as shown: the summary, and how many identities. */
export async function the360(page: Page, customerId: string): Promise<string[]> {
  await page.goto(`/customers/${customerId}`);
  const summary = page.getByRole('region', { name: 'Synthèse client' });
  // Orders kept (not returned nor cancelled), and those returned · cancelled.
  const theirs = demoData().dataset.orders.filter((o) => o.customer_id === customerId);
  const count = (status: string) => theirs.filter((o) => o.status === status).length;
  await expect(summary).toContainText(`Commandes${count('completed')}CA`);
  await expect(summary).toContainText(
    `Retours · annul.${count('returned')} · ${count('cancelled')}`,
  );
  const identities = page.getByText(/^Identités \(\d+\)$/);
  await expect(identities).toBeVisible();
  return [plain((await summary.textContent()) ?? ''), (await identities.textContent()) ?? ''];
}

/** The example segment's count, as the builder announces it. */
export async function exampleCount(page: Page): Promise<string> {
  await page.goto(builderLink(LYON_STORE_BUYERS));
  const announced = page
    .getByRole('complementary', { name: 'Audience' })
    .getByRole('status')
    .filter({ hasText: /correspond/ });
  await expect(announced).toHaveText(/^[\d\s\u202f]+ clients? correspond/);
  return plain((await announced.textContent()) ?? '');
}
