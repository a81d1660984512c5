import { describe, expect, test } from 'vitest';
import { readyEmail } from '../campaign/campaign.fixture.ts';
import type { CampaignBody } from '../campaign/campaign.ts';
import { consentRow, customerRow, historyOf, preferenceRow } from '../profile/history.fixture.ts';
import { recipientChannel } from './channel-choice.ts';
import { AT, after, before, DAY_MS } from './contact.fixture.ts';

const SMS = { text: 'Bonjour {{ customer.first_name }}' };
const PUSH = { title: 'Noël', body: 'Le coffret vous attend' };
const withSms = (): CampaignBody => readyEmail({ alternates: { sms: SMS } });
const withSmsAndPush = (): CampaignBody => readyEmail({ alternates: { sms: SMS, push: PUSH } });

const granted = (channel: 'email' | 'sms' | 'push', id: string, at = before(DAY_MS)) =>
  consentRow({ consent_id: id, channel, status: 'granted', at });
const withdrawn = (channel: 'email' | 'sms' | 'push', id: string, at = before(DAY_MS / 2)) =>
  consentRow({ consent_id: id, channel, status: 'withdrawn', at });
const prefers = (value: string, at = before(DAY_MS)) =>
  preferenceRow({ topic: 'preferred_channel', value, stated_at: at });
const phone = customerRow({ phone: '+33612345678' });

describe('without alternates', () => {
  test('everyone gets the campaign’s channel, reachable or not', () => {
    const history = historyOf({ preferences: [prefers('sms')] });
    expect(recipientChannel(history, readyEmail(), AT)).toBe('email');
  });
});

describe('with alternates', () => {
  test('a reachable recipient with no preference keeps the campaign’s channel', () => {
    const history = historyOf({
      customer: phone,
      consents: [granted('email', 'K1'), granted('sms', 'K2')],
    });
    expect(recipientChannel(history, withSms(), AT)).toBe('email');
  });

  test('the preferred channel when it has a template and reaches them', () => {
    const history = historyOf({
      customer: phone,
      consents: [granted('email', 'K1'), granted('sms', 'K2')],
      preferences: [prefers('sms')],
    });
    expect(recipientChannel(history, withSms(), AT)).toBe('sms');
  });

  test('not a preferred channel without consent on it: the campaign’s', () => {
    const history = historyOf({
      customer: phone,
      consents: [granted('email', 'K1'), granted('sms', 'K2'), withdrawn('sms', 'K3')],
      preferences: [prefers('sms')],
    });
    expect(recipientChannel(history, withSms(), AT)).toBe('email');
  });

  test('not a preferred channel without an address on it', () => {
    const history = historyOf({
      consents: [granted('email', 'K1'), granted('sms', 'K2')],
      preferences: [prefers('sms')],
    });
    expect(recipientChannel(history, withSms(), AT)).toBe('email');
  });

  test('not a preferred channel without a template: the campaign’s', () => {
    const history = historyOf({
      customer: phone,
      consents: [granted('email', 'K1'), granted('push', 'K2')],
      preferences: [prefers('push')],
    });
    expect(recipientChannel(history, withSms(), AT)).toBe('email');
  });

  test('unreachable on the campaign’s channel: the first alternate that reaches them', () => {
    const history = historyOf({
      customer: phone,
      consents: [withdrawn('email', 'K1'), granted('sms', 'K2')],
    });
    expect(recipientChannel(history, withSmsAndPush(), AT)).toBe('sms');
  });

  test('reachable nowhere: the campaign’s channel (no_consent then stops it)', () => {
    const history = historyOf({ customer: phone, consents: [withdrawn('email', 'K1')] });
    expect(recipientChannel(history, withSmsAndPush(), AT)).toBe('email');
  });

  test('reads consents and preferences as they stood at the send', () => {
    const history = historyOf({
      customer: phone,
      consents: [granted('email', 'K1'), granted('sms', 'K2', after(DAY_MS))],
      preferences: [prefers('sms')],
    });
    expect(recipientChannel(history, withSms(), AT)).toBe('email');
    expect(recipientChannel(history, withSms(), after(2 * DAY_MS))).toBe('sms');
    const later = historyOf({
      customer: phone,
      consents: [granted('email', 'K1'), granted('sms', 'K2')],
      preferences: [prefers('sms', after(DAY_MS))],
    });
    expect(recipientChannel(later, withSms(), AT)).toBe('email');
  });

  test('the latest preference counts', () => {
    const history = historyOf({
      customer: phone,
      consents: [granted('email', 'K1'), granted('sms', 'K2')],
      preferences: [prefers('sms', before(3 * DAY_MS)), prefers('email', before(DAY_MS))],
    });
    expect(recipientChannel(history, withSms(), AT)).toBe('email');
  });
});
