// Per guardrail: recipients flagged, their share, whether it blocks, how it moved across the
// audits, the one-click remedies that answer it, and the drill-down into the preview filtered on it.
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import type { CampaignAudit, SavedCampaign } from '../../api/contract.ts';
import { recommendationStrategy } from '../../domain/campaign/campaign.ts';
import { REMEDIES, type Remedy, type RemedyKind } from '../../domain/guardrails/remedy.ts';
import { guardrailIds, type GuardrailId } from '../../domain/guardrails/verdict.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button, buttonClass } from '../../ui/Button.tsx';
import { formatCount, formatPercent } from '../../ui/format.ts';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { saveTextFile } from '../../ui/download.ts';
import { flaggedCsv } from './queries.ts';
import { Sparkline } from './Sparkline.tsx';
import { useWriteGate } from '../../ui/permissions.tsx';

interface Props {
  campaign: SavedCampaign;
  audit: CampaignAudit;
  history: readonly CampaignAudit[];
  busy: boolean;
  onRemedy: (remedy: Remedy) => void;
  drillDown: (guardrail: GuardrailId) => string;
}

/** Hands the guardrail's flagged recipients to the browser as a file. */
async function download(campaignId: string, guardrail: GuardrailId) {
  const text = await flaggedCsv(campaignId, guardrail);
  saveTextFile(`${campaignId}-${guardrail}.csv`, text);
}

/** The remedy a button applies; a strategy swap takes the first strategy that is not the slot's. */
function remedyOf(kind: RemedyKind, guardrail: GuardrailId, campaign: SavedCampaign): Remedy {
  switch (kind) {
    case 'exclude_flagged':
      return { kind, guardrail };
    case 'swap_strategy': {
      const current = campaign.recommendation?.strategy;
      const strategy =
        recommendationStrategy.options.find((s) => s !== current && s !== 'offer') ?? 'complements';
      return { kind, strategy };
    }
    default:
      return { kind };
  }
}

export function GuardrailTable({ campaign, audit, history, busy, onRemedy, drillDown }: Props) {
  const { t } = useTranslation('campaigns');
  const { t: g } = useTranslation('guardrails');
  const gate = useWriteGate('editor');
  const counts = audit.counts;
  if (counts === null) return null;
  const rows = [...guardrailIds].sort(
    (a, b) => counts.by_guardrail[b].flagged - counts.by_guardrail[a].flagged,
  );
  return (
    <Table aria-label={t('audit.table.label')}>
      <THead>
        <Tr>
          <Th>{t('audit.table.guardrail')}</Th>
          <Th>{t('audit.table.severity')}</Th>
          <Th numeric>{t('audit.table.flagged')}</Th>
          <Th numeric>{t('audit.table.share')}</Th>
          <Th>{t('audit.table.trend')}</Th>
          <Th>
            {t('audit.table.remedies')}
            {gate.note}
          </Th>
        </Tr>
      </THead>
      <TBody>
        {rows.map((id) => {
          const tally = counts.by_guardrail[id];
          const trend = history.flatMap((a) =>
            a.counts ? [a.counts.by_guardrail[id].flagged] : [],
          );
          const share = counts.recipients === 0 ? 0 : tally.flagged / counts.recipients;
          const name = g(`verdict.name.${id}`);
          return (
            <Tr key={id} className={tally.flagged === 0 ? 'text-fg-subtle' : undefined}>
              <Td>
                {tally.flagged === 0 ? (
                  name
                ) : (
                  <Link to={drillDown(id)} className="font-medium text-accent-700 hover:underline">
                    {name}
                  </Link>
                )}
              </Td>
              <Td>
                {tally.flagged === 0 ? (
                  <span>{t('audit.clear')}</span>
                ) : tally.blocking > 0 ? (
                  <Badge tone="danger">{t('audit.blocks', { count: tally.blocking })}</Badge>
                ) : (
                  <Badge tone="warn">{t('audit.warns')}</Badge>
                )}
              </Td>
              <Td numeric>{formatCount(tally.flagged)}</Td>
              <Td numeric>{formatPercent(share)}</Td>
              <Td>
                <Sparkline
                  values={trend}
                  label={t('audit.trend', { values: trend.map(formatCount).join(' → '), name })}
                />
              </Td>
              <Td>
                {tally.flagged > 0 && (
                  <div className="flex flex-wrap gap-1">
                    {REMEDIES[id].map((kind) => (
                      <Button
                        key={kind}
                        size="sm"
                        variant="secondary"
                        disabled={busy || !audit.current}
                        onClick={() => onRemedy(remedyOf(kind, id, campaign))}
                        {...gate.control}
                        aria-label={t('audit.remedyFor', {
                          remedy: t(`audit.remedy.${kind}`),
                          name,
                        })}
                      >
                        {t(`audit.remedy.${kind}`)}
                      </Button>
                    ))}
                    <Link to={drillDown(id)} className={buttonClass('ghost', 'sm')}>
                      {t('audit.see', { count: tally.flagged })}
                    </Link>
                    <Button
                      size="sm"
                      variant="ghost"
                      aria-label={t('audit.csvFor', { name })}
                      onClick={() => void download(campaign.campaign_id, id)}
                    >
                      {t('audit.csv')}
                    </Button>
                  </div>
                )}
              </Td>
            </Tr>
          );
        })}
      </TBody>
    </Table>
  );
}
