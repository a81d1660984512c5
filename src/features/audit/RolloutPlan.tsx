// The rollout plan beside the audit: each wave in sending order with its members, its own holdout,
// the recipients it sends to, the orders the models expect of them and what the audit found among
// them; once the campaign is ready, each wave is exported on its own.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { CampaignAudit, SavedCampaign } from '../../api/contract.ts';
import type { WaveCounts } from '../../domain/campaign/rollout.ts';
import { guardrailIds } from '../../domain/guardrails/verdict.ts';
import { formatCount, formatDecimal } from '../../ui/format.ts';
import { QueryState } from '../../ui/QueryState.tsx';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { ExportButtons } from './ExportButtons.tsx';
import { auditQueries } from './queries.ts';

/** The guardrails that flag someone in the wave, most first: « Déjà possédé 12 · … ». */
function Findings({ wave }: { wave: WaveCounts }) {
  const { t: g } = useTranslation('guardrails');
  const found = guardrailIds
    .map((id) => [id, wave.by_guardrail[id].flagged] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  if (found.length === 0) return null;
  return (
    <span className="text-xs text-fg-muted">
      {found.map(([id, n]) => `${g(`verdict.name.${id}`)} ${formatCount(n)}`).join(' · ')}
    </span>
  );
}

export function RolloutPlan({
  campaign,
  audit,
}: {
  campaign: SavedCampaign;
  audit: CampaignAudit;
}) {
  const { t } = useTranslation('campaigns');
  const plan = useQuery(
    auditQueries.rollout(campaign.campaign_id, campaign.version, audit.audit_id),
  );
  const ready = campaign.status === 'ready' && campaign.readiness !== null;
  return (
    <section aria-labelledby="rollout-title" className="space-y-2">
      <div className="flex flex-wrap items-baseline gap-2">
        <h2 id="rollout-title" className="text-sm font-semibold">
          {t('audit.rollout.title')}
        </h2>
        <span className="text-sm text-fg-muted">
          {t(`editor.rollout.strategy.${campaign.rollout.strategy}`)}
          {campaign.rollout.strategy === 'loyal_first' &&
            ` · ${t('audit.rollout.rule', { percentile: campaign.rollout.min_propensity_percentile })}`}
        </span>
      </div>
      <QueryState
        status={plan.status}
        error={plan.error}
        data={plan.data}
        onRetry={() => void plan.refetch()}
        loadingLabel={t('audit.rollout.loading')}
        empty={null}
      >
        {(data) => (
          <>
            {!data.scored && (
              <p role="status" className="text-sm text-warn-700">
                {t('audit.rollout.unscored')}
              </p>
            )}
            <Table aria-label={t('audit.rollout.title')}>
              <THead>
                <Tr>
                  <Th>{t('audit.rollout.col.wave')}</Th>
                  <Th numeric>{t('audit.rollout.col.members')}</Th>
                  <Th numeric>{t('audit.rollout.col.holdout')}</Th>
                  <Th numeric>{t('audit.rollout.col.excluded')}</Th>
                  <Th numeric>{t('audit.rollout.col.recipients')}</Th>
                  <Th numeric>{t('audit.rollout.col.expected', { days: data.horizon_days })}</Th>
                  <Th numeric>{t('audit.rollout.col.flagged')}</Th>
                  <Th numeric>{t('audit.rollout.col.blocked')}</Th>
                  <Th>{ready ? t('audit.rollout.col.export') : ''}</Th>
                </Tr>
              </THead>
              <TBody>
                {data.waves.map((wave, i) => (
                  <Tr key={wave.wave}>
                    <Td>
                      <div className="flex flex-col">
                        <span className="font-medium">
                          {data.waves.length > 1 && `${i + 1}. `}
                          {t(`audit.rollout.wave.${wave.wave}`)}
                        </span>
                        <Findings wave={wave} />
                      </div>
                    </Td>
                    <Td numeric>{formatCount(wave.members)}</Td>
                    <Td numeric>{formatCount(wave.holdout)}</Td>
                    <Td numeric>{formatCount(wave.excluded)}</Td>
                    <Td numeric className="font-semibold">
                      {formatCount(wave.recipients)}
                    </Td>
                    <Td numeric title={t('audit.rollout.scored', { count: wave.scored })}>
                      {formatDecimal(wave.expected_orders, 1)}
                    </Td>
                    <Td numeric>{formatCount(wave.flagged)}</Td>
                    <Td numeric className={wave.blocked > 0 ? 'text-danger-700' : undefined}>
                      {formatCount(wave.blocked)}
                    </Td>
                    <Td>
                      {ready && wave.recipients > 0 && (
                        <div className="flex flex-wrap gap-1">
                          <ExportButtons campaign={campaign} wave={wave.wave} size="sm" />
                        </div>
                      )}
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
            <p className="text-xs text-fg-muted">
              {t('audit.rollout.note', { days: data.horizon_days })}
            </p>
          </>
        )}
      </QueryState>
    </section>
  );
}
