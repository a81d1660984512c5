// The page for an address that matches no route (and for a loader's 404), shown inside the layout.
import { Link, useLocation } from 'react-router';
import { Compass } from 'lucide-react';
import { buttonClass } from '../ui/Button.tsx';
import { EmptyState } from '../ui/EmptyState.tsx';

export function NotFound() {
  const { pathname } = useLocation();
  return (
    <EmptyState
      icon={<Compass aria-hidden="true" />}
      title="Not found"
      description={
        <>
          Nothing lives at <code className="font-mono text-fg">{pathname}</code>. The link may be
          mistyped, or what it pointed to was removed.
        </>
      }
      action={
        <Link to="/customers" className={buttonClass('secondary', 'sm')}>
          Go to Customers
        </Link>
      }
    />
  );
}
