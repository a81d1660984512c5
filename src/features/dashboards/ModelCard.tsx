// The model card of the current fit: what data the customer-base models saw, their parameters
// with the log-likelihood, how the scores are defined, and how well the model did on a holdout
// period it never saw (predicted vs actual repeat purchases by calibration frequency, AUC, Brier
// score, calibration by decile). Every score in the product points here.
import { useMutation, useQuery, type QueryKey } from '@tanstack/react-query';
import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import type { ModelCardResponse } from '../../api/contract.ts';
import { Button } from '../../ui/Button.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from '../../ui/Card.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Table, TBody, Td, Th, THead } from '../../ui/Table.tsx';
import { formatCalendarDate, formatCount, formatDateTime, formatPercent } from '../../ui/format.ts';
import { modelMutations, modelQueries } from './queries.ts';

const fixed = (v: number | null, digits: number) => (v === null ? '–' : v.toFixed(digits));
const pct = (v: number | null) => (v === null ? '–' : formatPercent(v));

function Param({ name, value, note }: { name: string; value: string; note?: string }) {
  return (
    <div>
      <dt className="text-xs text-fg-muted">{name}</dt>
      <dd className="font-mono text-base text-fg tabular-nums">{value}</dd>
      {note !== undefined && <dd className="text-xs text-fg-subtle">{note}</dd>}
    </div>
  );
}

function Holdout({ card }: { card: ModelCardResponse }) {
  const h = card.holdout;
  if (h === null) {
    return (
      <p className="text-base text-fg-muted">No holdout figures: too little data before it.</p>
    );
  }
  const t = h.reliability.totals;
  return (
    <div className="grid grid-cols-2 gap-6">
      <section aria-label="Repeat purchases in the holdout">
        <h3 className="mb-1 text-base font-semibold text-fg">
          Repeat purchases to {formatCalendarDate(h.holdout_end)} ({fixed(h.holdout_length, 0)}{' '}
          {card.unit}s)
        </h3>
        <p className="mb-2 text-sm text-fg-muted">
          Predicted {fixed(t.predicted, 1)} vs actual {formatCount(t.actual)} over{' '}
          {formatCount(t.customers)} customers (
          {pct((t.predicted - t.actual) / Math.max(1, t.actual))} off).
        </p>
        <Table aria-label="Predicted and actual by calibration frequency">
          <THead>
            <tr>
              <Th>Repeat purchases before</Th>
              <Th numeric>Customers</Th>
              <Th numeric>Predicted (mean)</Th>
              <Th numeric>Actual (mean)</Th>
            </tr>
          </THead>
          <TBody>
            {h.reliability.rows.map((r) => (
              <tr key={r.label}>
                <Td>{r.label}</Td>
                <Td numeric>{formatCount(r.customers)}</Td>
                <Td numeric>{fixed(r.mean_predicted, 3)}</Td>
                <Td numeric>{fixed(r.mean_actual, 3)}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </section>
      <section aria-label="Propensity in the holdout">
        <h3 className="mb-1 text-base font-semibold text-fg">
          Propensity to buy within {h.propensity_horizon_days} days
        </h3>
        <p className="mb-2 text-sm text-fg-muted">
          AUC {fixed(h.auc, 3)} · Brier score {fixed(h.brier, 4)} (lower is better)
        </p>
        <Table aria-label="Calibration by decile">
          <THead>
            <tr>
              <Th>Decile of the score</Th>
              <Th numeric>Customers</Th>
              <Th numeric>Predicted</Th>
              <Th numeric>Observed</Th>
            </tr>
          </THead>
          <TBody>
            {h.calibration_by_decile.map((b) => (
              <tr key={b.decile}>
                <Td>{b.decile}</Td>
                <Td numeric>{formatCount(b.customers)}</Td>
                <Td numeric>{pct(b.mean_predicted)}</Td>
                <Td numeric>{pct(b.observed_rate)}</Td>
              </tr>
            ))}
          </TBody>
        </Table>
      </section>
    </div>
  );
}

function CardView({ card }: { card: ModelCardResponse }) {
  const bg = card.bg_nbd;
  const gg = card.gamma_gamma;
  const s = card.scoring;
  return (
    <div className="space-y-4">
      <p className="text-base text-fg">
        {formatCount(card.customers)} customers with an order ({formatCount(card.repeat_customers)}{' '}
        repeat buyers), first purchases from {formatCalendarDate(card.data_window.first_purchase)}{' '}
        to {formatCalendarDate(card.data_window.calibration_end)}; time unit: {card.unit}.
        {card.fitted_at === null ? '' : ` Fitted ${formatDateTime(card.fitted_at)}.`}
      </p>
      <div className="grid grid-cols-2 gap-6">
        <section aria-label="BG/NBD">
          <h3 className="text-base font-semibold text-fg">BG/NBD (repeat purchases)</h3>
          <dl className="mt-1 grid grid-cols-4 gap-3">
            <Param name="r" value={fixed(bg.parameters.r, 4)} />
            <Param name="α" value={fixed(bg.parameters.alpha, 4)} note={`${card.unit}s`} />
            <Param name="a" value={fixed(bg.parameters.a, 4)} />
            <Param name="b" value={fixed(bg.parameters.b, 4)} />
          </dl>
          <p className="mt-1 text-sm text-fg-muted">
            Log-likelihood {fixed(bg.log_likelihood, 2)} · {bg.iterations} iterations ·{' '}
            {bg.converged ? 'converged' : 'not converged'}
          </p>
        </section>
        <section aria-label="Gamma-Gamma">
          <h3 className="text-base font-semibold text-fg">Gamma-Gamma (spend per order)</h3>
          {gg === null ? (
            <p className="text-sm text-fg-muted">Not fitted: too few repeat buyers with spend.</p>
          ) : (
            <>
              <dl className="mt-1 grid grid-cols-4 gap-3">
                <Param name="p" value={fixed(gg.parameters.p, 4)} />
                <Param name="q" value={fixed(gg.parameters.q, 4)} />
                <Param name="γ" value={fixed(gg.parameters.gamma, 4)} />
                <Param name="mean spend" value={`€${fixed(gg.mean_spend, 2)}`} />
              </dl>
              <p className="mt-1 text-sm text-fg-muted">
                Log-likelihood {fixed(gg.log_likelihood, 2)} over {formatCount(gg.customers)} repeat
                buyers · {gg.converged ? 'converged' : 'not converged'}
              </p>
            </>
          )}
        </section>
      </div>
      <p className="text-sm text-fg-muted">
        Propensity = P(still active) × P(at least one order in the horizon | active), over{' '}
        {s.horizons_days.join(' and ')} days. Churn risk = 1 − propensity over{' '}
        {s.churn_horizon_days} days: low below {s.churn_band_cutoffs.medium}, high from{' '}
        {s.churn_band_cutoffs.high}. Value = expected spend over {s.clv_months} months,{' '}
        {s.discounting} ({pct(s.monthly_discount_rate)} a month).
      </p>
      <Holdout card={card} />
    </div>
  );
}

/** "Refit now", the stage while it runs, and the card and every score reloaded once it is done. */
function Refit({ rescored }: { rescored: readonly QueryKey[] }) {
  const toast = useToast();
  const refit = useMutation(modelMutations.refit(rescored));
  const [stage, setStage] = useState<string | null>(null);
  const start = () => {
    setStage(null);
    refit.mutate(
      { onStage: setStage },
      {
        onSuccess: (status) => {
          if (status.state !== 'done') return;
          toast({
            tone: 'success',
            title: 'Models refitted',
            description: `Model ${status.model_version}, ${formatCount(status.customers)} customers scored.`,
          });
        },
      },
    );
  };
  const failure =
    refit.data?.state === 'failed'
      ? `The refit failed: ${refit.data.error}`
      : refit.isError
        ? (({ title, detail }) => `${title}. ${detail}`)(describeError(refit.error))
        : null;
  return (
    <div className="flex items-center gap-2">
      <span role="status" className="text-sm text-fg-muted">
        {refit.isPending && stage !== null ? `Refitting: ${stage}…` : ''}
      </span>
      {failure !== null && (
        <span role="alert" className="text-sm text-danger-700">
          {failure}
        </span>
      )}
      <Button
        size="sm"
        icon={<RefreshCw aria-hidden="true" />}
        loading={refit.isPending}
        onClick={start}
        title="Fit the models again on the data as it is now, and rescore every customer"
      >
        Refit now
      </Button>
    </div>
  );
}

export function ModelCard({
  rescored,
}: {
  /** What else reads the scores or the catalogue a fit feeds (key prefixes of other features). */
  rescored: readonly QueryKey[];
}) {
  const card = useQuery(modelQueries.card());
  return (
    <Card id="model-card" aria-labelledby="model-card-title">
      <CardHeader actions={<Refit rescored={rescored} />}>
        <CardTitle id="model-card-title">Model card: lifetime value and propensity</CardTitle>
        <CardDescription>
          {card.data ? `Model ${card.data.model_version}` : 'The fit behind every score'}
        </CardDescription>
      </CardHeader>
      <CardBody>
        <QueryState
          status={card.status}
          error={card.error}
          data={card.data}
          isEmpty={() => false}
          empty={null}
          loadingLabel="Loading the model card"
          onRetry={() => void card.refetch()}
          retrying={card.isRefetching}
        >
          {(data) => <CardView card={data} />}
        </QueryState>
      </CardBody>
    </Card>
  );
}
