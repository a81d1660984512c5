// The dashboards: the filters they share, then one dashboard at a time (its tab in the URL with
// the filters, so a link reproduces the view). The model card is the last of them.
import { useQuery } from '@tanstack/react-query';
import type { QueryKey } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useLocation, useSearchParams } from 'react-router';
import { z } from 'zod';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../ui/Tabs.tsx';
import { BuyersByChannel } from './BuyersByChannel.tsx';
import { BuyersDashboard } from './BuyersDashboard.tsx';
import { CampaignsDashboard } from './CampaignsDashboard.tsx';
import { FilterBar } from './FilterBar.tsx';
import { ModelCard } from './ModelCard.tsx';
import { PropensityDashboard } from './PropensityDashboard.tsx';
import { QualityDashboard } from './QualityDashboard.tsx';
import { ValueDashboard } from './ValueDashboard.tsx';
import { filterQuery, useDashboardFilters } from './filters.ts';
import { dashboardQueries } from './queries.ts';

const view = z.enum(['buyers', 'value', 'campaigns', 'propensity', 'quality', 'model']);
type View = z.infer<typeof view>;

export function Dashboards({ asOf, rescored }: { asOf: string; rescored: readonly QueryKey[] }) {
  const { t } = useTranslation('dashboards');
  const [params, setParams] = useSearchParams();
  const { hash } = useLocation();
  const parsed = view.safeParse(params.get('view'));
  // The Customer 360 links its scores to #model-card.
  const shown: View = parsed.success ? parsed.data : hash === '#model-card' ? 'model' : 'buyers';
  const [filters, setFilters] = useDashboardFilters(asOf);
  // The segment as the figures read it, for the filter bar's "N members, version V".
  const buyers = useQuery({
    ...dashboardQueries.buyers(filterQuery(filters)),
    enabled: shown === 'buyers',
  });
  const value = useQuery({
    ...dashboardQueries.value(filterQuery(filters)),
    enabled: shown === 'value',
  });
  const campaigns = useQuery({
    ...dashboardQueries.campaigns(filterQuery(filters)),
    enabled: shown === 'campaigns',
  });
  const quality = useQuery({
    ...dashboardQueries.quality(filterQuery(filters)),
    enabled: shown === 'quality',
  });
  const propensity = useQuery({
    ...dashboardQueries.propensity(filterQuery(filters)),
    enabled: shown === 'propensity',
  });
  const segment =
    (shown === 'value'
      ? value.data?.segment
      : shown === 'campaigns'
        ? campaigns.data?.segment
        : shown === 'quality'
          ? quality.data?.segment
          : shown === 'propensity'
            ? propensity.data?.segment
            : buyers.data?.segment) ?? null;
  const filterBar = (
    <FilterBar
      filters={filters}
      onChange={setFilters}
      members={segment === null ? null : { version: segment.version, members: segment.members }}
    />
  );
  return (
    <div className="space-y-3">
      <h1 className="sr-only">{t('page.title')}</h1>
      <Tabs
        value={shown}
        onValueChange={(next) => {
          const chosen = view.safeParse(next);
          if (!chosen.success) return;
          setParams(
            (current) => {
              const out = new URLSearchParams(current);
              out.set('view', chosen.data);
              return out;
            },
            { replace: true },
          );
        }}
      >
        <TabsList aria-label={t('page.views')}>
          <TabsTrigger value="buyers">{t('page.buyers')}</TabsTrigger>
          <TabsTrigger value="value">{t('page.value')}</TabsTrigger>
          <TabsTrigger value="campaigns">{t('page.campaigns')}</TabsTrigger>
          <TabsTrigger value="propensity">{t('page.propensity')}</TabsTrigger>
          <TabsTrigger value="quality">{t('page.quality')}</TabsTrigger>
          <TabsTrigger value="model">{t('page.model')}</TabsTrigger>
        </TabsList>
        <TabsContent value="buyers" className="space-y-3">
          {filterBar}
          <BuyersDashboard filters={filters} />
          <BuyersByChannel filters={filters} />
        </TabsContent>
        <TabsContent value="value" className="space-y-3">
          {filterBar}
          <ValueDashboard filters={filters} />
        </TabsContent>
        <TabsContent value="campaigns" className="space-y-3">
          {filterBar}
          <CampaignsDashboard filters={filters} />
        </TabsContent>
        <TabsContent value="propensity" className="space-y-3">
          {filterBar}
          <PropensityDashboard filters={filters} />
        </TabsContent>
        <TabsContent value="quality" className="space-y-3">
          {filterBar}
          <QualityDashboard filters={filters} />
        </TabsContent>
        <TabsContent value="model">
          <ModelCard rescored={rescored} />
        </TabsContent>
      </Tabs>
    </div>
  );
}
