// The team page, an admin's (decision 035): who signs in to Tact and with which role, and the API
// tokens scripts use. Anyone else is told who to ask, and nothing is asked of the server.
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { useCan } from '../../ui/permissions.tsx';
import { TokensSection } from './TokensSection.tsx';
import { UsersSection } from './UsersSection.tsx';

export function TeamRoute() {
  const { t } = useTranslation('team');
  const admin = useCan('admin');
  if (!admin) {
    return <EmptyState title={t('adminOnly.title')} description={t('adminOnly.description')} />;
  }
  return (
    <div className="mx-auto max-w-[1280px] space-y-8 px-5 py-4">
      <UsersSection />
      <TokensSection />
    </div>
  );
}
