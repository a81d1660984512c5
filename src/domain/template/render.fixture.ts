// Recipients and one-line renders for the template tests.
import type { Customer } from '../profile/schema.ts';
import { customerRow, historyOf, lineRow, orderRow } from '../profile/history.fixture.ts';
import { personalisation, type Personalisation, type PersonalisationInputs } from './context.ts';
import { renderTemplate } from './render.ts';
import type { MessageTemplate, TemplateRenderResult } from './result.ts';

/** 14 July 2026, 10:30 in Paris. */
export const NOW = Date.parse('2026-07-14T08:30:00.000Z');

export const demoInputs: PersonalisationInputs = {
  offer: {
    title: 'Le coffret Blu-ray',
    price_cents: 9999,
    regular_price_cents: 10032,
    valid_to: '2026-08-01',
    url: 'https://shop.example/offre',
  },
  campaign: { name: 'Rentrée films', channel: 'email' },
  recommendations: [
    {
      title: 'Manette',
      price_cents: 6999,
      reason: 'Va avec la PS5',
      url: 'https://shop.example/p/1',
    },
    { title: 'Casque', price_cents: 4999, reason: null, url: 'javascript:alert(1)' },
  ],
};

/** A recipient: Olivier Martin unless `customer` says otherwise, one order of the box set. */
export function recipient(
  customer: Partial<Customer> = {},
  inputs: PersonalisationInputs = demoInputs,
): Personalisation {
  return personalisation(
    historyOf({
      customer: customerRow(customer),
      orders: [{ order: orderRow(), lines: [lineRow()] }],
    }),
    inputs,
  );
}

export function render(
  template: MessageTemplate,
  who: Personalisation = recipient(),
): Promise<TemplateRenderResult> {
  return renderTemplate({ template, personalisation: who, now: NOW });
}

export const email = (html: string, who?: Personalisation, subject = 'Sujet') =>
  render({ channel: 'email', template: { subject, preheader: '', html } }, who);

export const sms = (text: string, who?: Personalisation) =>
  render({ channel: 'sms', template: { text } }, who);

/** The rendered result, or a failed test naming the error. */
export function rendered(
  result: TemplateRenderResult,
): Extract<TemplateRenderResult, { ok: true }> {
  if (!result.ok) throw new Error(`Expected a render, got ${JSON.stringify(result.error)}`);
  return result;
}

/** The email's HTML. */
export async function html(template: string, who?: Personalisation): Promise<string> {
  const { message } = rendered(await email(template, who));
  if (message.channel !== 'email') throw new Error('not an email');
  return message.html;
}

/** The error of a render expected to fail. */
export function failed(
  result: TemplateRenderResult,
): Extract<TemplateRenderResult, { ok: false }>['error'] {
  if (result.ok) throw new Error(`Expected an error, got ${JSON.stringify(result.message)}`);
  return result.error;
}
