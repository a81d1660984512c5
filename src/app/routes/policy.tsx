// The guardrail policy route: /campaigns/policy, the default policy (one per tenant for now). The
// page is src/features/policy.
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { DEFAULT_POLICY_ID } from '../../domain/guardrails/policy.ts';
import { PolicyEditor, policyQueries } from '../../features/policy/index.ts';
import { QueryState } from '../../ui/QueryState.tsx';

export function GuardrailPolicyRoute() {
  const { t } = useTranslation('guardrails');
  const policy = useQuery(policyQueries.one(DEFAULT_POLICY_ID));
  return (
    <QueryState
      status={policy.status}
      error={policy.error}
      data={policy.data}
      isEmpty={() => false}
      empty={null}
      loadingLabel={t('policy.loading')}
      onRetry={() => void policy.refetch()}
      retrying={policy.isRefetching}
    >
      {(data) => <PolicyEditor key={data.policy_id} saved={data} />}
    </QueryState>
  );
}
