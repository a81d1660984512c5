import { describe, expect, test } from 'vitest';
import { readyEmail } from './campaign.fixture.ts';
import { campaignBody, newCampaign } from './campaign.ts';
import {
  alternateChannels,
  draftAlternate,
  plainText,
  shorten,
  withDraftAlternates,
} from './alternates.ts';

describe('plain text from HTML', () => {
  test('keeps paragraphs and breaks, drops tags, decodes entities, keeps Liquid', () => {
    expect(
      plainText(
        '<p>Bonjour {{ customer.first_name }},</p>\n<p>Le coffret&nbsp;: <b>89,99&nbsp;€</b><br>Tom &amp; Jerry</p>{% if x %}<a href="https://x">ici</a>{% endif %}',
      ),
    ).toBe(
      'Bonjour {{ customer.first_name }},\nLe coffret : 89,99 €\nTom & Jerry\n{% if x %}ici{% endif %}',
    );
  });

  test('a comparison inside Liquid is not a tag', () => {
    expect(plainText('{% if a < 3 %}peu{% endif %}')).toBe('{% if a < 3 %}peu{% endif %}');
  });

  test('at most one blank line', () => {
    expect(plainText('<p>a</p><p></p><p></p><p>b</p>')).toBe('a\n\nb');
  });
});

describe('shorten', () => {
  test('keeps what fits', () => {
    expect(shorten('abc def', 7)).toBe('abc def');
  });

  test('cuts at the last space before the limit, with an ellipsis', () => {
    expect(shorten('un deux trois quatre', 12)).toBe('un deux…');
  });

  test('never inside a Liquid output', () => {
    expect(shorten('Bonjour {{ customer.first_name | default: "vous" }} et bienvenue', 40)).toBe(
      'Bonjour…',
    );
  });
});

describe('drafts on other channels', () => {
  test('an e-mail becomes an SMS of its subject and its text', () => {
    const body = readyEmail({
      template: {
        subject: 'Noël',
        preheader: '',
        html: '<p>Bonjour {{ customer.first_name }}</p>',
      },
    });
    expect(draftAlternate(body, 'sms')).toEqual({
      text: 'Noël\nBonjour {{ customer.first_name }}\nSTOP au 36111',
    });
    expect(draftAlternate(body, 'push')).toEqual({
      title: 'Noël',
      body: 'Bonjour {{ customer.first_name }}',
    });
  });

  test('an SMS becomes an e-mail whose lines are breaks, its first line the subject', () => {
    const sms = campaignBody.parse({ ...newCampaign('x', 'sms'), template: { text: 'Un\nDeux' } });
    expect(draftAlternate(sms, 'email')).toEqual({
      subject: 'Un',
      preheader: '',
      html: 'Un<br>\nDeux',
    });
  });

  test('an SMS keeps an opt-out already written', () => {
    const body = readyEmail({
      template: { subject: 'Noël', preheader: '', html: '<p>Offre</p><p>STOP au 36173</p>' },
    });
    expect(draftAlternate(body, 'sms')).toEqual({ text: 'Noël\nOffre\nSTOP au 36173' });
  });

  test('within what each channel holds', () => {
    const long = 'mot '.repeat(600);
    const body = readyEmail({
      template: { subject: 'Noël '.repeat(50), preheader: '', html: `<p>${long}</p>` },
    });
    const sms = draftAlternate(body, 'sms');
    const push = draftAlternate(body, 'push');
    expect(sms.text.length).toBeLessThanOrEqual(1_600);
    expect(sms.text.endsWith('\nSTOP au 36111')).toBe(true);
    expect(push.title.length).toBeLessThanOrEqual(120);
    expect(push.body.length).toBeLessThanOrEqual(500);
    expect(campaignBody.safeParse({ ...body, alternates: { sms, push } }).success).toBe(true);
  });

  test('every other channel without one gets a draft; the campaign’s own never', () => {
    const body = readyEmail({ alternates: { sms: { text: 'Déjà écrit' } } });
    const { alternates, added } = withDraftAlternates(body);
    expect(added).toEqual(['push']);
    expect(alternates.sms).toEqual({ text: 'Déjà écrit' });
    expect(alternates.email).toBeNull();
    expect(alternateChannels({ ...body, alternates })).toEqual(['sms', 'push']);
    expect(withDraftAlternates({ ...body, alternates }).added).toEqual([]);
  });

  test('which other channels have a template', () => {
    const body = readyEmail({ alternates: { sms: { text: 'x' } } });
    expect(alternateChannels(body)).toEqual(['sms']);
    // An alternate on the campaign's own channel is never read.
    expect(
      alternateChannels(
        readyEmail({ alternates: { email: { subject: 'a', preheader: '', html: 'b' } } }),
      ),
    ).toEqual([]);
  });
});
