// A profile's identities: each with where and when it was seen, and, for a profile resolved at
// import from records per source system, the record it came from and the rule that linked it.
import { render, screen, within } from '@testing-library/react';
import { expect, test } from 'vitest';
import { testI18n } from '../../test/i18n.ts';
import { I18nProvider } from '../../ui/i18n/I18nProvider.tsx';
import { IdentityList } from './ProfileDetails.tsx';

const seen = { first_seen: '2024-01-05T10:00:00.000Z', last_seen: '2026-11-01T10:00:00.000Z' };

test('says which record each identity came from and why that record joined the profile', () => {
  render(
    <I18nProvider i18n={testI18n}>
      <IdentityList
        identities={[
          {
            customer_id: 'APP-1',
            kind: 'app_device',
            value: 'dev-1',
            source: 'app',
            ...seen,
            record_id: 'APP-1',
            linked_by: null,
          },
          {
            customer_id: 'APP-1',
            kind: 'loyalty_card',
            value: 'FID42',
            source: 'store',
            ...seen,
            record_id: 'POS-7',
            linked_by: 'loyalty_card',
          },
          {
            customer_id: 'APP-1',
            kind: 'email',
            value: 'ana@example.fr',
            source: 'web',
            ...seen,
            record_id: null,
            linked_by: null,
          },
        ]}
      />
    </I18nProvider>,
  );
  const items = within(screen.getByRole('list')).getAllByRole('listitem');
  expect(items[0]).toHaveTextContent(/record APP-1 · the profile’s first record$/);
  expect(items[1]).toHaveTextContent(/record POS-7 · linked by the loyalty card$/);
  // Not resolved at import (the demo, a joined export): no record line.
  expect(items[2]).not.toHaveTextContent(/record/);
});

test('a device other profiles hold too is marked shared, with how many; other identities are not', () => {
  const device = {
    customer_id: 'C1',
    kind: 'app_device',
    value: 'tab-42',
    source: 'app',
    ...seen,
    record_id: null,
    linked_by: null,
  } as const;
  render(
    <I18nProvider i18n={testI18n}>
      <IdentityList
        identities={[
          device,
          { ...device, kind: 'web_cookie', value: 'ck-1', source: 'web' },
          { ...device, kind: 'email', value: 'tab-42', source: 'web' },
        ]}
        shared={[{ kind: 'app_device', value: 'tab-42', profiles: 2 }]}
      />
    </I18nProvider>,
  );
  const items = within(screen.getByRole('list')).getAllByRole('listitem');
  expect(items[0]).toHaveTextContent(/shared with 2 other profiles · the profiles stay apart$/);
  expect(items[1]).not.toHaveTextContent(/shared/);
  // The same value under another kind is another identity.
  expect(items[2]).not.toHaveTextContent(/shared/);
});
