// One figure of a dashboard: its title, its chart (when it has one) or its data table — the
// table is always one click away, for screen readers and for copying — and a CSV of the same rows
// (plain numbers: euros with a point, shares between 0 and 1).
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { csvRow } from '../../domain/segment/csv.ts';
import { Button } from '../../ui/Button.tsx';
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from '../../ui/Card.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { saveTextFile } from '../../ui/download.ts';
import { formatCount } from '../../ui/format.ts';
import { percentOf, plainRate } from './numbers.ts';

export interface FigureColumn<R> {
  label: string;
  numeric?: boolean;
  /** In the CSV only: what the table already shows within another column (a date under a name). */
  csvOnly?: boolean;
  cell: (row: R) => ReactNode;
  csv: (row: R) => string;
}

/** A column of the rows' counts under `key`: French grouping on screen, the integer in the CSV. */
export function countColumn<K extends string>(
  label: string,
  key: K,
): FigureColumn<Record<K, number>> {
  return {
    label,
    numeric: true,
    cell: (row) => formatCount(row[key]),
    csv: (row) => String(row[key]),
  };
}

/** A column of a share, `part` of `whole`: a percentage on screen, the plain share in the CSV. */
export function rateColumn<R>(
  label: string,
  part: (row: R) => number,
  whole: (row: R) => number,
): FigureColumn<R> {
  return {
    label,
    numeric: true,
    cell: (row) => percentOf(part(row), whole(row)),
    csv: (row) => plainRate(part(row), whole(row)),
  };
}

/** One figure of a dashboard's totals, inside a <dl>. */
export function Tile({ label, value }: { label: string; value: string }) {
  return (
    <div className="rounded-md border border-line bg-surface px-3 py-2">
      <dt className="text-sm text-fg-muted">{label}</dt>
      <dd className="text-lg font-semibold text-fg tabular-nums">{value}</dd>
    </div>
  );
}

/** A chart legend's entry in the page's text colour (the series' own colour can fail contrast). */
export const legendText = (value: string) => <span className="text-fg">{value}</span>;

export function figureCsv<R>(columns: readonly FigureColumn<R>[], rows: readonly R[]): string {
  return (
    csvRow(columns.map((c) => c.label)) +
    rows.map((r) => csvRow(columns.map((c) => c.csv(r)))).join('')
  );
}

export function FigureCard<R>({
  id,
  title,
  description,
  tableLabel,
  columns,
  rows,
  rowKey,
  chart,
  file,
  className,
}: {
  id: string;
  title: string;
  description?: string;
  tableLabel: string;
  // The rows say what R is; a column of any type R's rows fit (countColumn) is one of R's.
  columns: readonly FigureColumn<NoInfer<R>>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  /** The chart; without one the table is the figure. */
  chart?: ReactNode;
  /** The CSV's file name. */
  file: string;
  className?: string;
}) {
  const { t } = useTranslation('dashboards');
  const [asTable, setAsTable] = useState(chart === undefined);
  const shown = columns.filter((c) => c.csvOnly !== true);
  return (
    <Card aria-labelledby={`${id}-title`} className={className}>
      <CardHeader
        actions={
          <>
            {chart !== undefined && (
              <Button size="sm" aria-pressed={asTable} onClick={() => setAsTable((v) => !v)}>
                {asTable ? t('figure.showChart') : t('figure.showTable')}
              </Button>
            )}
            <Button size="sm" onClick={() => saveTextFile(file, figureCsv(columns, rows))}>
              {t('figure.csv')}
            </Button>
          </>
        }
      >
        <CardTitle id={`${id}-title`}>{title}</CardTitle>
        {description !== undefined && <CardDescription>{description}</CardDescription>}
      </CardHeader>
      <CardBody>
        {asTable || chart === undefined ? (
          <Table aria-label={tableLabel}>
            <THead>
              <Tr>
                {shown.map((c) => (
                  <Th key={c.label} numeric={c.numeric}>
                    {c.label}
                  </Th>
                ))}
              </Tr>
            </THead>
            <TBody>
              {rows.map((r) => (
                <Tr key={rowKey(r)}>
                  {shown.map((c) => (
                    <Td key={c.label} numeric={c.numeric}>
                      {c.cell(r)}
                    </Td>
                  ))}
                </Tr>
              ))}
            </TBody>
          </Table>
        ) : (
          <figure aria-label={title} className="m-0">
            {chart}
          </figure>
        )}
      </CardBody>
    </Card>
  );
}
