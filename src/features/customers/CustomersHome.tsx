// The Customers section before a customer is chosen: the search, and what it can find.
import { Search } from 'lucide-react';
import { Trans, useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Kbd } from '../../ui/Kbd.tsx';

export function CustomersHome() {
  const { t } = useTranslation('customers');
  return (
    <EmptyState
      icon={<Search />}
      title={t('home.title')}
      description={<Trans t={t} i18nKey="home.description" components={{ kbd: <Kbd /> }} />}
    />
  );
}
