// A failure told in the user's terms, announced as an alert, with Retry when trying again can help.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { TriangleExclamationPoint, RotateCw } from 'lucide-react';
import { clsx } from 'clsx';
import { Button } from './Button.tsx';

export type ErrorStateProps = {
  title: ReactNode;
  detail?: ReactNode;
  onRetry?: () => void;
  retrying?: boolean;
  retryLabel?: string;
  /** `inline` fits inside a card or above content; `block` fills an empty panel. */
  layout?: 'block' | 'inline';
  className?: string;
};

export function ErrorState({
  title,
  detail,
  onRetry,
  retrying = false,
  retryLabel,
  layout = 'block',
  className,
}: ErrorStateProps) {
  const { t } = useTranslation();
  return (
    <div
      role="alert"
      className={clsx(
        'flex gap-2.5 text-base',
        layout === 'block'
          ? 'mx-auto max-w-md items-start px-6 py-10'
          : 'items-start rounded-md border border-danger-200 bg-danger-50 px-3 py-2',
        className,
      )}
    >
      <TriangleExclamationPoint
        size={16}
        aria-hidden="true"
        className="mt-0.5 shrink-0 text-danger-600"
      />
      <div className="min-w-0 flex-1">
        <p className="font-medium text-fg">{title}</p>
        {detail !== undefined && <p className="mt-0.5 text-sm text-fg-muted">{detail}</p>}
        {onRetry !== undefined && (
          <Button
            size="sm"
            className="mt-2"
            icon={<RotateCw aria-hidden="true" />}
            loading={retrying}
            onClick={onRetry}
          >
            {retryLabel ?? t('state.retry')}
          </Button>
        )}
      </div>
    </div>
  );
}
