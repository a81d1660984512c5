// The page for an address that matches no route (and for a loader's 404), shown inside the layout.
import { Link, useLocation } from 'react-router';
import { Trans, useTranslation } from 'react-i18next';
import { Compass } from 'lucide-react';
import { buttonClass } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';

export function NotFound() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  return (
    <EmptyState
      icon={<Compass aria-hidden="true" />}
      title={t('notFound.title')}
      description={
        <Trans
          i18nKey="notFound.description"
          values={{ path: pathname }}
          components={{ code: <code className="font-mono text-fg" /> }}
        />
      }
      action={
        <Link to="/customers" className={buttonClass('secondary', 'sm')}>
          {t('notFound.action')}
        </Link>
      }
    />
  );
}
