// Campaigns end to end, in French: a marketer writes an e-mail campaign from scratch by clicking and
// typing (a token taken from the completion, a syntax error shown at its line and column and then
// fixed, an offer, recommendations), saves it and finds it whole after a reload; a colleague's save
// meanwhile turns the stale save into a conflict that loses nothing; and the demo campaign renders
// for the planted showcase customer the way the generated rows say it must.
import type { Page } from '@playwright/test';
import { expect, seriousViolations, test } from './fixtures.ts';

const FILM_BUYERS = 'Cinéphiles (films achetés sur 12 mois)';

/**
 * Puts text at the end of a Liquid editor (CodeMirror) as one input, so the editor's bracket and
 * tag closing (which act on single typed characters) leave it as written.
 */
async function insertInto(page: Page, name: string, text: string) {
  const editor = page.getByRole('textbox', { name, exact: true });
  await editor.click();
  await page.keyboard.press('Control+End');
  await page.keyboard.insertText(text);
}

async function chooseOption(page: Page, combobox: string, option: string) {
  await page.getByRole('combobox', { name: combobox, exact: true }).click();
  await page.getByRole('option', { name: option, exact: true }).click();
}

test('writes an e-mail campaign from scratch, saves it, and finds everything after a reload', async ({
  page,
}) => {
  // A long journey: two saves, a reload, a second page and an accessibility scan.
  test.setTimeout(120_000);
  await page.goto('/campaigns');
  await page.getByRole('link', { name: 'Nouvelle campagne' }).first().click();
  await expect(page).toHaveURL(/\/campaigns\/new$/);

  const name = page.getByRole('textbox', { name: 'Nom de la campagne' });
  await name.fill('Cinéphiles — coffret de Noël');
  await chooseOption(page, 'Segment', FILM_BUYERS);

  // The subject, with the first name taken from the completion list.
  await insertInto(page, 'Objet', 'Pour vous, {{ ');
  await page.keyboard.type('cust');
  await page.getByRole('option', { name: /^customer/ }).click();
  await page.keyboard.type('.first');
  await page.getByRole('option', { name: /^first_name/ }).click();
  await page.keyboard.insertText(' }}');

  // A deliberate syntax error in the body is shown at its line and column, then fixed.
  await insertInto(page, 'Corps HTML', '<p>Bonjour</p>\n{% if %}');
  const error = page
    .getByRole('alert')
    .filter({ hasText: /Ligne 2, colonne \d+/ })
    .first();
  await expect(error).toBeVisible();
  const body = page.getByRole('textbox', { name: 'Corps HTML', exact: true });
  await body.click();
  await page.keyboard.press('Control+A');
  await page.keyboard.insertText('<p>Bonjour, voici notre sélection.</p>');
  await expect(page.getByRole('alert').filter({ hasText: /Ligne 2/ })).toHaveCount(0);

  // An offer: 15 % off films, and three recommendations.
  await page.getByRole('button', { name: 'Ajouter une offre' }).click();
  await chooseOption(page, 'Prix', 'Remise en %');
  await page.getByRole('spinbutton', { name: 'Montant' }).fill('15');
  await page.getByRole('button', { name: 'Ajouter des recommandations' }).click();
  await chooseOption(page, 'Stratégie', 'Souvent achetés ensemble');

  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page).toHaveURL(/\/campaigns\/(?!new)[^/]+$/);
  await expect(page.getByText('Version 1', { exact: true })).toBeVisible();

  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Nom de la campagne' })).toHaveValue(
    'Cinéphiles — coffret de Noël',
  );
  await expect(page.getByRole('combobox', { name: 'Segment', exact: true })).toHaveText(
    FILM_BUYERS,
  );
  await expect(page.getByRole('textbox', { name: 'Objet', exact: true })).toHaveText(
    'Pour vous, {{ customer.first_name }}',
  );
  await expect(page.getByRole('textbox', { name: 'Corps HTML', exact: true })).toHaveText(
    '<p>Bonjour, voici notre sélection.</p>',
  );
  await expect(page.getByRole('spinbutton', { name: 'Montant' })).toHaveValue('15');
  await expect(page.getByRole('combobox', { name: 'Stratégie', exact: true })).toHaveText(
    'Souvent achetés ensemble',
  );
  expect(await seriousViolations(page, ['iframe[sandbox]'])).toEqual([]);

  // A colleague saves the campaign meanwhile; this page's save becomes a conflict, nothing lost.
  const elsewhere = await page.context().newPage();
  await elsewhere.goto(page.url());
  const theirName = elsewhere.getByRole('textbox', { name: 'Nom de la campagne' });
  await theirName.fill('Cinéphiles — Noël (relu par Karim)');
  await elsewhere.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(elsewhere.getByText('Version 2', { exact: true })).toBeVisible();
  await elsewhere.close();

  await name.fill('Cinéphiles — Noël, dernière chance');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  const conflict = page.getByRole('alertdialog', {
    name: 'Quelqu’un a enregistré cette campagne entre-temps',
  });
  await expect(conflict).toContainText('Vos modifications en diffèrent sur');
  await expect(conflict).toContainText('Nom');
  await conflict.getByRole('button', { name: 'Enregistrer la mienne en version 3' }).click();
  await expect(page.getByText('Version 3', { exact: true })).toBeVisible();
  await expect(name).toHaveValue('Cinéphiles — Noël, dernière chance');
});

test('the demo campaign renders for the planted showcase customer in the sample pane', async ({
  page,
  planted,
}) => {
  const showcase = planted('omnichannel_showcase');
  await page.goto('/campaigns');
  await page.getByRole('link', { name: /Coffret Seigneur des Anneaux/ }).click();
  const search = page.getByRole('combobox', {
    name: 'Rechercher un client par nom, e-mail ou identifiant',
  });
  await search.fill(showcase.last_name);
  await page
    .getByRole('option', { name: new RegExp(`${showcase.first_name} ${showcase.last_name}`) })
    .first()
    .click();
  const frame = page.frameLocator('iframe[title^="L’e-mail tel que"]');
  await expect(
    page.getByText(`${showcase.first_name}, c'est nouveau, il vous les faut !`),
  ).toBeVisible();
  await expect(frame.locator('body')).toContainText(`Bonjour ${showcase.first_name}`);
  await expect(frame.locator('body')).toContainText(/99,99\s€/);
});
