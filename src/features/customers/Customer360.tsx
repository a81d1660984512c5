// Customer 360: the unified profile on the left, the whole cross-channel history on the right.
import { useQuery } from '@tanstack/react-query';
import { UserRoundX } from 'lucide-react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Skeleton } from '../../ui/Skeleton.tsx';
import { ConsentList, IdentityList, PreferenceList } from './ProfileDetails.tsx';
import { ProfileSummary } from './ProfileSummary.tsx';
import { ScoresPanel } from './ScoresPanel.tsx';
import { customerQueries, type TimelineFilters } from './queries.ts';
import { Timeline } from './Timeline.tsx';

export interface Customer360Props {
  customerId: string;
  filters: TimelineFilters;
  onFiltersChange: (next: TimelineFilters) => void;
}

function ProfileSkeleton() {
  return (
    <div className="space-y-2 p-4">
      <Skeleton className="h-5 w-48" />
      <Skeleton className="h-3 w-24" />
      <Skeleton className="mt-4 h-24 w-full" />
      <Skeleton className="h-16 w-full" />
    </div>
  );
}

export function Customer360({ customerId, filters, onFiltersChange }: Customer360Props) {
  const { t } = useTranslation('customers');
  const profile = useQuery(customerQueries.profile(customerId));
  const notFound =
    profile.isError &&
    typeof profile.error === 'object' &&
    'status' in profile.error &&
    profile.error.status === 404;
  if (notFound) {
    return (
      <EmptyState
        icon={<UserRoundX />}
        title={t('customer360.notFoundTitle', { id: customerId })}
        description={t('customer360.notFoundDetail')}
      />
    );
  }
  return (
    <div className="flex min-h-0 flex-1">
      <aside
        aria-label={t('customer360.profile')}
        className="w-[400px] shrink-0 overflow-y-auto border-r border-line bg-surface"
      >
        <QueryState
          status={profile.status}
          error={profile.error}
          data={profile.data}
          isEmpty={() => false}
          empty={null}
          loading={<ProfileSkeleton />}
          loadingLabel={t('customer360.loadingProfile')}
          onRetry={() => void profile.refetch()}
          retrying={profile.isRefetching}
        >
          {(data) => (
            <>
              <ProfileSummary profile={data} />
              <ScoresPanel customerId={customerId} />
              <ConsentList consents={data.consents} />
              <IdentityList identities={data.identities} shared={data.shared_devices} />
              <PreferenceList preferences={data.preferences} />
            </>
          )}
        </QueryState>
      </aside>
      <div className="flex min-w-0 flex-1 flex-col bg-surface">
        <Timeline customerId={customerId} filters={filters} onFiltersChange={onFiltersChange} />
      </div>
    </div>
  );
}
