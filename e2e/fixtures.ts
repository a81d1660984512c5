// Playwright fixtures: the demo data's manifest (the same seed and size as the app under test), a
// guard that fails a test if any dialog opens, and an accessibility check.
import AxeBuilder from '@axe-core/playwright';
import { test as base, expect, type Download, type Page } from '@playwright/test';
import { E2E_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import type { Manifest, PlantedStory } from '../mocks/seed/manifest.ts';

let cached: ReturnType<typeof generateDataset> | null = null;
/** The demo data as generated for the app under test: its rows and its manifest. */
export function demoData(): ReturnType<typeof generateDataset> {
  cached ??= generateDataset({
    seed: DEMO_SEED,
    customers: E2E_DEMO_CUSTOMERS,
    asOf: DEMO_AS_OF,
  });
  return cached;
}
function demoManifest(): Manifest {
  return demoData().manifest;
}

type Story<K extends PlantedStory['story']> = Extract<PlantedStory, { story: K }>;

export const test = base.extend<{
  planted: <K extends PlantedStory['story']>(story: K) => Story<K>;
  dialogs: string[];
}>({
  planted: async ({}, use) => {
    const manifest = demoManifest();
    await use(<K extends PlantedStory['story']>(story: K) => {
      const found = manifest.stories.find((s): s is Story<K> => s.story === story);
      if (!found) throw new Error(`The demo data planted no "${story}" story.`);
      return found;
    });
  },
  // Every test listens for dialogs: customer data must never run as script.
  dialogs: [
    async ({ page }, use) => {
      const opened: string[] = [];
      page.on('dialog', (dialog) => {
        opened.push(dialog.message());
        void dialog.dismiss();
      });
      await use(opened);
      expect(opened, 'no dialog may open').toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * Serious or critical accessibility violations on the page, as readable lines. `exclude` leaves
 * parts out by selector: a message preview's sandboxed frame holds the message, not our UI, and
 * runs no script axe could use.
 *
 * Checked on one project only: both projects render the same screens from the same rows, and axe
 * costs about 4 s a page on CI's machine (decision 023). The server's project checks every screen
 * but the dashboards, which the mock's checks (`axeProject`): the two projects run side by side,
 * and the server's would otherwise take a minute longer than the mock's (decision 033). On the
 * other project the answer is an empty list without looking.
 */
export async function seriousViolations(
  page: Page,
  exclude: readonly string[] = [],
  axeProject: 'mock' | 'server' = 'server',
): Promise<string[]> {
  if (test.info().project.name !== axeProject) return [];
  const builder = new AxeBuilder({ page });
  for (const selector of exclude) builder.exclude(selector);
  const results = await builder.analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map(
      (v) => `${v.id}: ${v.help} (${v.nodes.length}× e.g. ${v.nodes[0]?.target.join(' ') ?? ''})`,
    );
}

/** Type into the customer search (found by its French name) and open the first hit. */
export async function openCustomerBySearch(page: Page, text: string, hitName: RegExp | string) {
  const search = page.getByRole('combobox', { name: 'Rechercher des clients' });
  await search.fill(text);
  await page.getByRole('option', { name: hitName }).first().click();
}

/** A downloaded file's text (a CSV export). */
export async function downloadedText(download: Download): Promise<string> {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Uint8Array));
  return Buffer.concat(chunks).toString('utf8');
}
