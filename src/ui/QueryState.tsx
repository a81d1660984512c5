// The one place that decides between loading, error, empty and content for data fetched from the API.
import { useTranslation } from 'react-i18next';
import type { ReactNode } from 'react';
import { useErrorWords, wordApiError, type ErrorWords } from './error-words.ts';
import { ErrorState } from './ErrorState.tsx';
import { Spinner } from './Spinner.tsx';

export type QueryStatus = 'pending' | 'error' | 'success';

export type QueryStateProps<T> = {
  status: QueryStatus;
  error: unknown;
  data: T | undefined;
  /** Whether loaded data counts as empty; by default an empty array does. */
  isEmpty?: (data: T) => boolean;
  empty: ReactNode;
  /** Offered as a Retry button when the error says trying again can help. */
  onRetry?: () => void;
  /** A retry is running: the button shows it. */
  retrying?: boolean;
  /** Replaces the default spinner, e.g. with skeleton rows shaped like the content. */
  loading?: ReactNode;
  /** What is loading, for screen readers: "Loading customers". */
  loadingLabel?: string;
  children: (data: T) => ReactNode;
};

type Message = { title: string; detail: string };

/**
 * Title, detail and retryability of any error, in the user's language: an API error worded from
 * its reason (api-error-words.ts), anything else with `fallback`, else a generic message.
 */
export function describeError(
  error: unknown,
  words: ErrorWords,
  fallback?: Message,
): { title: string; detail: string; retryable: boolean } {
  const message = wordApiError(error, words) ??
    fallback ?? { title: words.t('title.generic'), detail: words.t('detail.generic') };
  return { title: message.title, detail: message.detail, retryable: isRetryable(error) };
}

/** Whether trying again can help: errors say so with a boolean `retryable`; otherwise assume yes. */
export function isRetryable(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('retryable' in error)) return true;
  return typeof error.retryable === 'boolean' ? error.retryable : true;
}

const arrayIsEmpty = (data: unknown) => Array.isArray(data) && data.length === 0;

export function QueryState<T>({
  status,
  error,
  data,
  isEmpty = arrayIsEmpty,
  empty,
  onRetry,
  retrying = false,
  loading,
  loadingLabel,
  children,
}: QueryStateProps<T>) {
  const { t } = useTranslation();
  const words = useErrorWords();
  if (status === 'pending') {
    return (
      <div role="status" aria-label={loadingLabel ?? t('state.loading')} aria-busy="true">
        {loading ?? (
          <div className="flex items-center gap-2 px-4 py-6 text-sm text-fg-muted">
            <Spinner />
            {t('state.loadingEllipsis')}
          </div>
        )}
      </div>
    );
  }
  if (status === 'error') {
    const { title, detail, retryable } = describeError(error, words);
    const retry = retryable ? onRetry : undefined;
    // A failed refresh keeps what was already on screen and says it may be out of date.
    if (data !== undefined) {
      return (
        <>
          <ErrorState
            layout="inline"
            className="mb-3"
            title={title}
            detail={t('state.staleData', { detail })}
            onRetry={retry}
            retrying={retrying}
          />
          {children(data)}
        </>
      );
    }
    return <ErrorState title={title} detail={detail} onRetry={retry} retrying={retrying} />;
  }
  if (data === undefined || isEmpty(data)) return <>{empty}</>;
  return <>{children(data)}</>;
}
