// The profile's summary: a viewer is sent no date of birth, and the summary says it is withheld
// rather than unknown; others see it, or that it is unknown.
import { render, screen } from '@testing-library/react';
import { expect, test } from 'vitest';
import type { ProfileResponse } from '../../api/contract.ts';
import { customerRow } from '../../domain/profile/history.fixture.ts';
import { testI18n } from '../../test/i18n.ts';
import { I18nProvider } from '../../ui/i18n/I18nProvider.tsx';
import { RoleProvider, type Role } from '../../ui/permissions.tsx';
import { ProfileSummary } from './ProfileSummary.tsx';

function profileWith(birthDate: string | null): ProfileResponse {
  return {
    customer: customerRow({ birth_date: birthDate }),
    identities: [],
    shared_devices: [],
    consents: [],
    preferences: [],
    figures: {
      orders: 0,
      returned_orders: 0,
      cancelled_orders: 0,
      spend_cents: 0,
      currency: 'EUR',
      average_order_cents: null,
      first_order_at: null,
      last_order_at: null,
      channels_used: [],
      events: 0,
      messages_received: 0,
    },
  };
}

function bornAs(role: Role, birthDate: string | null): string {
  render(
    <I18nProvider i18n={testI18n}>
      <RoleProvider role={role}>
        <ProfileSummary profile={profileWith(birthDate)} />
      </RoleProvider>
    </I18nProvider>,
  );
  const term = screen.getByText('Born');
  return term.nextElementSibling?.textContent ?? '';
}

test('a viewer reads that the date of birth is withheld from them, not that it is unknown', () => {
  expect(bornAs('viewer', null)).toBe('hidden from viewers');
});

test('an editor reads the date of birth', () => {
  expect(bornAs('editor', '1960-11-09')).toMatch(/1960/);
});

test('an editor reads that an unknown date of birth is unknown', () => {
  expect(bornAs('editor', null)).toBe('no birth date');
});
