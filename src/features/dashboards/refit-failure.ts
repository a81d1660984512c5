// Why a refit failed, in the user's language: from the refit status's reason code and figures when
// the data could not be fitted, in general words when the run itself stopped.
import type { TFunction } from 'i18next';
import type { NoModelReason } from '../../api/contract.ts';
import { formatCount } from '../../ui/format.ts';

/** A refit that failed: on the data (`noModel`), or before it could finish (null). */
export function refitFailureText(
  t: TFunction<'dashboards'>,
  noModel: NoModelReason | null,
): string {
  if (noModel === null) return t('modelCard.refit.failed.run');
  if (noModel.reason === 'fit_failed') return t('modelCard.refit.failed.fitFailed');
  const p = noModel.params;
  return t('modelCard.refit.failed.tooLittleData', {
    minCustomers: formatCount(p.min_customers),
    minRepeatCustomers: formatCount(p.min_repeat_customers),
    customers: formatCount(p.customers),
    repeatCustomers: formatCount(p.repeat_customers),
  });
}
