// The forecast beside the segment builder's live count: for the definition on screen once it is
// countable and has stood still (the count's debounce), on the channel the marketer picks.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MessageChannel } from '../../domain/profile/schema.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import { Select } from '../../ui/Select.tsx';
import { useDebounced } from '../../ui/useDebounced.ts';
import { PressureForecast } from './PressureForecast.tsx';
import { forecastQueries } from './queries.ts';

/** As long as the live count waits: the forecast reads histories, so it waits at least as long. */
export const FORECAST_DEBOUNCE_MS = 300;
const CHANNELS = ['email', 'sms', 'push', 'web_banner'] as const;

export interface SegmentForecastProps {
  definition: SegmentDefinition;
  /** Valid and complete: a forecast is asked for it. */
  countable: boolean;
}

export function SegmentForecast({ definition, countable }: SegmentForecastProps) {
  const { t } = useTranslation('guardrails');
  const [channel, setChannel] = useState<MessageChannel>('email');
  const settled = useDebounced(definition, FORECAST_DEBOUNCE_MS);
  const query = useQuery({
    ...forecastQueries.segment(settled, channel),
    enabled: countable,
    placeholderData: keepPreviousData,
  });
  if (!countable) return null;
  return (
    <PressureForecast
      data={query.data}
      stale={settled !== definition || query.isPlaceholderData || query.isFetching}
      error={query.error}
      onRetry={() => void query.refetch()}
      retrying={query.isFetching}
      className="border-b border-line px-4 py-3"
      control={
        <Select
          size="sm"
          className="w-36"
          aria-label={t('forecast.channelLabel')}
          value={channel}
          onValueChange={setChannel}
          options={CHANNELS.map((c) => ({ value: c, label: t(`forecast.channelName.${c}`) }))}
        />
      }
    />
  );
}
