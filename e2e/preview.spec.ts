// The per-recipient preview end to end, in French: a marketer opens the demo campaign's preview,
// steps through recipients with j / k, finds a planted box-set buyer and sees why the message must
// not go (already bought in store, a meaningless discount), the proof highlighted in their
// history; then each other planted story shows its guardrail with its evidence (contact pressure,
// a withdrawn e-mail consent, an offer answered in store, a game buyer offered the console they
// bought, a first name that is an XSS payload and stays text), and a clean recipient none.
import type { Page } from '@playwright/test';
import { E2E_DEMO_CUSTOMERS, DEMO_SEED } from '../mocks/demo.ts';
import { DEMO_AS_OF, generateDataset } from '../mocks/seed/index.ts';
import type { PlantedStory } from '../mocks/seed/manifest.ts';
import { DEMO_CAMPAIGN_ID } from '../mocks/seed/marketing.ts';
import { expect, seriousViolations, test } from './fixtures.ts';
import { openInApp } from './navigate.ts';

const PREVIEW = `/campaigns/${DEMO_CAMPAIGN_ID}/preview`;

let stories: PlantedStory[] | null = null;
function plantedStories(): PlantedStory[] {
  stories ??= generateDataset({
    seed: DEMO_SEED,
    customers: E2E_DEMO_CUSTOMERS,
    asOf: DEMO_AS_OF,
  }).manifest.stories;
  return stories;
}

/** The preview's customer id, from the URL. */
function recipientInUrl(page: Page): string {
  const match = /\/preview\/([^/?]+)/.exec(page.url());
  if (!match?.[1]) throw new Error(`No recipient in ${page.url()}`);
  return match[1];
}

const verdictsRegion = (page: Page) => page.getByRole('region', { name: /^Garde-fous/ });
const historyEntries = (page: Page) => page.getByRole('list', { name: 'Entrées de l’historique' });

/**
 * Clicks a verdict (in the list of verdicts under the message) and expects exactly one history
 * entry highlighted, the one recorded at `at`, scrolled into view; returns it.
 */
async function expectEvidence(page: Page, verdict: string, at: string) {
  await verdictsRegion(page).getByRole('button', { name: verdict, exact: true }).first().click();
  const highlighted = historyEntries(page).locator(':scope > li[aria-current="true"]');
  await expect(highlighted).toHaveCount(1);
  await expect(highlighted.locator('time').first()).toHaveAttribute('datetime', at);
  await expect(highlighted).toBeInViewport();
  return highlighted;
}

/** The verdict chips atop the message. */
const verdictChip = (page: Page, name: string) =>
  page.getByRole('list', { name: 'Verdicts' }).getByRole('button', { name, exact: true }).first();

/**
 * Makes an e-mail campaign on the film buyers through the page (so that the mocked API, which
 * lives in the page, sees it too) and answers its id.
 */
async function createCampaign(page: Page, extra: Record<string, unknown>): Promise<string> {
  return page.evaluate(async (fields) => {
    const segment = (await (await fetch('/api/segments/seg_cinephiles')).json()) as {
      version: number;
    };
    // As the app's client sends a change: with the session's anti-forgery token (the server).
    const csrf = /(?:^|;\s*)tact_csrf=([^;]*)/.exec(document.cookie)?.[1];
    const response = await fetch('/api/campaigns', {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(csrf === undefined ? {} : { 'x-csrf-token': csrf }),
      },
      body: JSON.stringify({
        channel: 'email',
        segment: { segment_id: 'seg_cinephiles', version: segment.version },
        template: { subject: 'Les films du mois', html: '<p>Bonjour, voici nos nouveautés.</p>' },
        ...fields,
      }),
    });
    return ((await response.json()) as { campaign_id: string }).campaign_id;
  }, extra);
}

test('steps through the demo campaign’s recipients and sees the box-set buyer’s proof', async ({
  page,
}) => {
  test.setTimeout(120_000);
  await page.goto(PREVIEW);
  const list = page.getByRole('list', { name: 'Destinataires' });
  // The first recipient is chosen; j moves to the next, k back.
  await expect(page).toHaveURL(/\/preview\/[^/?]+/, { timeout: 30_000 });
  const first = recipientInUrl(page);
  await expect(page.getByRole('region', { name: /^Garde-fous/ })).toBeVisible();
  await page.keyboard.press('j');
  await expect.poll(() => recipientInUrl(page)).not.toBe(first);
  const second = recipientInUrl(page);
  expect(second > first).toBe(true);
  await page.keyboard.press('k');
  await expect.poll(() => recipientInUrl(page)).toBe(first);

  // A planted in-store box-set buyer who is a recipient (not held out).
  const buyers = plantedStories().flatMap((s) =>
    s.story === 'promoted_box_set_in_store' ? [s] : [],
  );
  const search = page.getByRole('searchbox', { name: 'Rechercher un destinataire' });
  let buyer: (typeof buyers)[number] | null = null;
  for (const candidate of buyers) {
    await search.fill(candidate.customer_id);
    const row = list.getByRole('link').filter({ hasText: candidate.customer_id });
    const none = page.getByText('Aucun destinataire ne correspond');
    await expect(row.or(none)).toBeVisible();
    if (await row.isVisible()) {
      await row.click();
      buyer = candidate;
      break;
    }
  }
  if (buyer === null) throw new Error('No planted in-store box-set buyer is a recipient.');
  await expect(page).toHaveURL(new RegExp(`/preview/${buyer.customer_id}(\\?|$)`));

  const verdicts = verdictsRegion(page);
  await expect(verdictChip(page, 'Déjà acheté')).toBeVisible();
  await expect(verdictChip(page, 'Remise dérisoire')).toBeVisible();
  // The sentence names the store and the loyalty card; the proof is the manifest's order.
  await expect(verdicts).toContainText(/en magasin/);
  await expect(verdicts).toContainText(/carte de fidélité/);
  const order = await expectEvidence(page, 'Déjà acheté', buyer.placed_at);
  await expect(order).toContainText(buyer.order_id);

  // The message sits in a sandboxed frame that can run nothing.
  await expect(page.locator('iframe[sandbox]').first()).toHaveAttribute('sandbox', '');
  expect(await seriousViolations(page, ['iframe[sandbox]'])).toEqual([]);

  // "Flagged only" and a guardrail filter go to the URL.
  await search.fill('');
  await expect(page).not.toHaveURL(/[?&]q=/);
  await page.getByRole('button', { name: /^Signalés seulement/ }).click();
  await expect(page).toHaveURL(/flagged=(true|1)/);
});

test('each planted story shows its guardrail with its evidence; a clean recipient shows none', async ({
  page,
  planted,
  dialogs,
}) => {
  test.setTimeout(120_000);

  // Contact pressure: messages every day on every channel.
  const pressed = planted('contact_pressure');
  await page.goto(`${PREVIEW}/${pressed.customer_id}`);
  await expect(verdictChip(page, 'Pression marketing')).toBeVisible({ timeout: 30_000 });
  await verdictsRegion(page)
    .getByRole('button', { name: 'Pression marketing', exact: true })
    .first()
    .click();
  await expect(historyEntries(page).locator(':scope > li[aria-current="true"]')).toHaveCount(1);

  // E-mail consent withdrawn: the withdrawal is the proof.
  const withdrawn = planted('email_consent_withdrawn');
  await openInApp(page, `${PREVIEW}/${withdrawn.customer_id}`);
  await expect(verdictChip(page, 'Sans consentement')).toBeVisible({ timeout: 30_000 });
  await expectEvidence(page, 'Sans consentement', withdrawn.withdrawn_at);

  // An offer accepted in store the day before its e-mail: previewing that campaign for them.
  const answered = planted('offer_accepted_before_email');
  await openInApp(page, `/campaigns/${answered.campaign_id}/preview/${answered.customer_id}`);
  await expect(verdictChip(page, 'Déjà répondu ailleurs')).toBeVisible({ timeout: 30_000 });
  await expectEvidence(page, 'Déjà répondu ailleurs', answered.accepted_at);

  // A game buyer who owns the console: a campaign offering that console (made through the page, so
  // the mocked API sees it too) is stopped for them, the console's purchase as the proof.
  const gamer = planted('game_buyer_owns_console');
  await openInApp(page, '/campaigns');
  await expect(page.getByRole('link', { name: 'Nouvelle campagne' }).first()).toBeVisible({
    timeout: 30_000,
  });
  const consoleOffer = await createCampaign(page, {
    name: 'Offre console',
    offer: {
      target: { kind: 'product', sku: gamer.console_sku },
      price: { kind: 'percent', percent: 20 },
    },
  });
  await openInApp(page, `/campaigns/${consoleOffer}/preview/${gamer.customer_id}`);
  await expect(verdictChip(page, 'Déjà acheté')).toBeVisible({ timeout: 30_000 });
  const consoleOrder = await expectEvidence(page, 'Déjà acheté', gamer.console_bought_at);
  await expect(consoleOrder).toContainText(gamer.console_order_id);

  // A first name that is an XSS payload: text in the app, text in the message, no dialog.
  const xss = planted('xss_first_name');
  await openInApp(page, `${PREVIEW}/${xss.customer_id}`);
  await expect(verdictChip(page, 'Donnée manquante')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText(xss.first_name).first()).toBeVisible();
  const frame = page.frameLocator('iframe[sandbox]').first();
  await expect(frame.locator('body')).toContainText(xss.first_name);
  await expect(frame.locator('img[onerror]')).toHaveCount(0);
  expect(dialogs).toEqual([]);

  // A clean recipient: every demo-campaign recipient gets the 0,33 € discount, so a plain
  // newsletter to the same segment, with no offer and no first name, is made (through the page, so
  // the mocked API sees it too); its first recipient with no verdict shows none.
  await openInApp(page, '/campaigns');
  // Once the list shows, the API answers (in the mock, the demo data is ready).
  await expect(page.getByRole('link', { name: 'Nouvelle campagne' }).first()).toBeVisible({
    timeout: 30_000,
  });
  const created = await createCampaign(page, { name: 'Lettre cinéma' });
  await openInApp(page, `/campaigns/${created}/preview`);
  const list = page.getByRole('list', { name: 'Destinataires' });
  const clean = list.getByRole('link').filter({ hasText: 'Aucun garde-fou déclenché' });
  await expect(clean.first()).toBeVisible({ timeout: 60_000 });
  await clean.first().click();
  await expect(page.getByText('Aucun garde-fou déclenché pour ce destinataire.')).toBeVisible();
});
