// Shown when a route fails to load or render: a 404 gets the not-found page, anything else says
// what failed and offers a reload.
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { useErrorWords, wordApiError, type ErrorWords } from '../ui/error-words.ts';
import { ErrorState } from '../ui/ErrorState.tsx';
import { NotFound } from './NotFound.tsx';

function explain(
  error: unknown,
  t: TFunction,
  words: ErrorWords,
): { title: string; detail: string } {
  if (isRouteErrorResponse(error)) {
    const said = typeof error.data === 'string' ? error.data : '';
    const answer = { status: error.status, statusText: error.statusText, said };
    return {
      title: t('routeError.loadTitle'),
      detail:
        said === '' ? t('routeError.loadDetail', answer) : t('routeError.loadDetailSaid', answer),
    };
  }
  // An API error, worded from its reason in the user's language.
  const worded = wordApiError(error, words);
  if (worded !== null) return worded;
  return {
    title: t('routeError.renderTitle'),
    detail:
      error instanceof Error
        ? t('routeError.renderDetail', { message: error.message })
        : t('routeError.renderUnknown'),
  };
}

/** A 404 response thrown by a loader, or an API error with status 404. */
function isNotFound(error: unknown): boolean {
  if (isRouteErrorResponse(error)) return error.status === 404;
  return typeof error === 'object' && error !== null && 'status' in error && error.status === 404;
}

export function RouteErrorBoundary() {
  const { t } = useTranslation();
  const words = useErrorWords();
  const error = useRouteError();
  if (isNotFound(error)) return <NotFound />;
  const { title, detail } = explain(error, t, words);
  return (
    <div className="p-5">
      <ErrorState
        title={title}
        detail={detail}
        retryLabel={t('routeError.reload')}
        onRetry={() => window.location.reload()}
      />
    </div>
  );
}
