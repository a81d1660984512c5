// The pre-send audit of one campaign: run it (progress, cancel), read what every guardrail found
// for every recipient, fix it in a click, and mark the campaign ready — with a written reason when
// a blocking guardrail still flags recipients.
import { ArrowLeft, Play, ShieldCheck, Square } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignAudit, SavedCampaign } from '../../api/contract.ts';
import type { GuardrailId } from '../../domain/guardrails/verdict.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Card } from '../../ui/Card.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Field } from '../../ui/Field.tsx';
import { formatCount, formatDateTime } from '../../ui/format.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { GuardrailTable } from './GuardrailTable.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { RolloutPlan } from './RolloutPlan.tsx';
import { useAudit } from './useAudit.ts';
import { useWriteGate } from '../../ui/permissions.tsx';

export interface AuditScreenProps {
  campaign: SavedCampaign;
  /** A new version of the campaign (a remedy, "ready"): its owner caches it. */
  onCampaign: (campaign: SavedCampaign) => void;
  /** The preview on the recipients one guardrail flags. */
  drillDown: (guardrail: GuardrailId) => string;
}

function Progress({ audit }: { audit: CampaignAudit }) {
  const { t } = useTranslation('campaigns');
  const { done, total } = audit.progress;
  return (
    <div className="space-y-1">
      <div
        role="progressbar"
        aria-label={t('audit.progressLabel')}
        aria-valuemin={0}
        aria-valuemax={total ?? 0}
        aria-valuenow={done}
        className="h-2 overflow-hidden rounded bg-gray-100"
      >
        <div
          className="h-full bg-accent-600 transition-[width]"
          style={{ width: total ? `${(100 * done) / total}%` : '0%' }}
        />
      </div>
      <p className="text-sm text-fg-muted">
        {total === null
          ? t('audit.reading')
          : t('audit.progress', { done: formatCount(done), total: formatCount(total) })}
      </p>
    </div>
  );
}

function Summary({ audit }: { audit: CampaignAudit }) {
  const { t } = useTranslation('campaigns');
  const c = audit.counts;
  if (c === null) return null;
  return (
    <div className="flex flex-wrap items-baseline gap-x-4 gap-y-1 text-sm">
      <span>
        {t('audit.summary.recipients', { count: c.recipients, n: formatCount(c.recipients) })}
      </span>
      <span>{t('audit.summary.flagged', { count: c.flagged, n: formatCount(c.flagged) })}</span>
      <span className={c.blocked > 0 ? 'font-semibold text-danger-700' : 'text-success-700'}>
        {t('audit.summary.blocked', { count: c.blocked, n: formatCount(c.blocked) })}
      </span>
      {c.excluded > 0 && (
        <span>
          {t('audit.summary.excluded', { count: c.excluded, n: formatCount(c.excluded) })}
        </span>
      )}
      <span className="text-fg-muted">
        {t('audit.summary.by', {
          by: audit.by,
          at: formatDateTime(audit.finished_at ?? audit.started_at),
          version: audit.campaign_version,
          policy: audit.policy.version,
        })}
        {audit.reused && ` · ${t('audit.summary.reused')}`}
      </span>
    </div>
  );
}

function ReadyPanel({
  campaign,
  audit,
  busy,
  onReady,
}: {
  campaign: SavedCampaign;
  audit: CampaignAudit;
  busy: boolean;
  onReady: (reason: string) => void;
}) {
  const { t } = useTranslation('campaigns');
  const [reason, setReason] = useState('');
  const gate = useWriteGate('editor');
  if (campaign.status === 'ready' && campaign.readiness !== null) {
    const { readiness } = campaign;
    return (
      <div className="flex flex-wrap items-center gap-3">
        <p role="status" className="flex-1 text-sm text-success-700">
          {t('audit.readyBy', { by: readiness.by, at: formatDateTime(readiness.at) })}
          {readiness.override && ` ${t('audit.overridden', { reason: readiness.override.reason })}`}
        </p>
        <ExportButtons campaign={campaign} />
      </div>
    );
  }
  const blocked = audit.counts?.blocked ?? 0;
  return (
    <div className="flex flex-wrap items-end gap-3">
      {blocked > 0 && (
        <Field
          label={t('audit.reason')}
          hint={t('audit.reasonHint', { count: blocked })}
          className="min-w-80 flex-1"
        >
          {(control) => (
            <textarea
              {...control}
              value={reason}
              maxLength={1000}
              rows={2}
              onChange={(e) => setReason(e.target.value)}
              className="rounded-md border border-border bg-surface px-2 py-1 text-sm"
            />
          )}
        </Field>
      )}
      <Button
        variant="primary"
        disabled={busy || !audit.current}
        onClick={() => onReady(reason)}
        {...gate.control}
      >
        <ShieldCheck aria-hidden="true" />
        {blocked > 0 ? t('audit.markReadyAnyway') : t('audit.markReady')}
      </Button>
      {gate.note}
    </div>
  );
}

export function AuditScreen({ campaign, onCampaign, drillDown }: AuditScreenProps) {
  const { t } = useTranslation('campaigns');
  const audit = useAudit(campaign, onCampaign);
  const gate = useWriteGate('editor');
  const { latest } = audit;
  const running = latest?.state === 'running';
  return (
    <div className="mx-auto max-w-[1200px] space-y-3 px-5 py-4">
      <header className="flex flex-wrap items-center gap-2">
        <Link
          to={`/campaigns/${encodeURIComponent(campaign.campaign_id)}`}
          className="inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg"
        >
          <ArrowLeft size={14} aria-hidden="true" />
          {t('audit.back')}
        </Link>
        <h1 className="text-lg font-semibold">{t('audit.title', { name: campaign.name })}</h1>
        <Badge>{t('editor.version', { version: campaign.version })}</Badge>
        <Badge tone={campaign.status === 'ready' ? 'success' : 'neutral'}>
          {t(`status.${campaign.status}`)}
        </Badge>
        <span className="flex-1" />
        {running ? (
          <Button variant="secondary" onClick={audit.cancel} {...gate.control}>
            <Square aria-hidden="true" />
            {t('audit.cancel')}
          </Button>
        ) : (
          <Button
            variant="primary"
            onClick={audit.run}
            loading={audit.busy}
            disabled={audit.busy}
            {...gate.control}
          >
            <Play aria-hidden="true" />
            {latest === null ? t('audit.run') : t('audit.rerun')}
          </Button>
        )}
        {gate.note}
      </header>
      {audit.failure && (
        <div
          role="alert"
          className="rounded-md border border-danger-200 bg-danger-50 px-3 py-2 text-sm text-danger-700"
        >
          <p className="font-semibold">{audit.failure.title}</p>
          <p>{audit.failure.detail}</p>
        </div>
      )}
      <QueryState
        status={audit.listStatus}
        error={audit.listError}
        data={audit.audits}
        onRetry={audit.retry}
        loadingLabel={t('audit.loading')}
        empty={<EmptyState title={t('audit.emptyTitle')} description={t('audit.emptyDetail')} />}
      >
        {() =>
          latest === null ? null : (
            <Card className="space-y-3 p-4">
              {running && <Progress audit={latest} />}
              {latest.state === 'cancelled' && <p role="status">{t('audit.cancelled')}</p>}
              {latest.state === 'failed' && <p role="alert">{t('audit.failed')}</p>}
              {!latest.current && latest.state === 'done' && (
                <p role="status" className="text-sm text-warn-700">
                  {t('audit.stale')}
                </p>
              )}
              <Summary audit={latest} />
              <GuardrailTable
                campaign={campaign}
                audit={latest}
                history={audit.history}
                busy={audit.busy}
                onRemedy={audit.remedy}
                drillDown={drillDown}
              />
              {latest.state === 'done' && latest.current && (
                <RolloutPlan campaign={campaign} audit={latest} />
              )}
              {latest.state === 'done' && (
                <ReadyPanel
                  campaign={campaign}
                  audit={latest}
                  busy={audit.busy}
                  onReady={audit.ready}
                />
              )}
            </Card>
          )
        }
      </QueryState>
    </div>
  );
}
