// Shown when a route fails to load or render: a 404 gets the not-found page, anything else says
// what failed and offers a reload.
import { isRouteErrorResponse, useRouteError } from 'react-router';
import { errorMessage } from '../ui/QueryState.tsx';
import { ErrorState } from '../ui/ErrorState.tsx';
import { NotFound } from './NotFound.tsx';

function explain(error: unknown): { title: string; detail: string } {
  if (isRouteErrorResponse(error)) {
    const said = typeof error.data === 'string' && error.data !== '' ? ` ${error.data}` : '';
    return {
      title: 'This page could not be loaded',
      detail: `The server answered ${error.status} ${error.statusText}.${said}`.trim(),
    };
  }
  const carried = errorMessage(error);
  if (carried !== null) return carried;
  return {
    title: 'This page failed while it was being shown',
    detail:
      error instanceof Error
        ? `${error.message} Reloading usually helps; if it does not, report what you were doing.`
        : 'An unexpected error stopped it. Reloading usually helps.',
  };
}

/** A 404 response thrown by a loader, or an API error with status 404. */
function isNotFound(error: unknown): boolean {
  if (isRouteErrorResponse(error)) return error.status === 404;
  return typeof error === 'object' && error !== null && 'status' in error && error.status === 404;
}

export function RouteErrorBoundary() {
  const error = useRouteError();
  if (isNotFound(error)) return <NotFound />;
  const { title, detail } = explain(error);
  return (
    <div className="p-5">
      <ErrorState
        title={title}
        detail={detail}
        retryLabel="Reload page"
        onRetry={() => window.location.reload()}
      />
    </div>
  );
}
