// Which data the console is looking at: the in-browser demo, or the server on DuckDB or ClickHouse, how many
// customers, and the "today" that relative dates count from.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { formatDay } from '../ui/format.ts';
import { healthQueries } from './queries.ts';

export function DataSource() {
  const { t } = useTranslation();
  const health = useQuery(healthQueries.status());
  if (health.isPending) return null;
  if (health.isError) {
    return (
      <span role="status" className="text-sm text-danger-700">
        {t('dataSource.unreachable')}
      </span>
    );
  }
  const { store, customers, as_of } = health.data;
  return (
    <span
      className="text-sm text-fg-muted tabular-nums"
      title={t('dataSource.runsUpTo', { asOf: as_of })}
    >
      {t('dataSource.summary', { store, customers, day: formatDay(as_of) })}
    </span>
  );
}
