// Dashboards route; a placeholder until the lifetime-value and propensity dashboards land.
import { SectionPlaceholder } from '../SectionPlaceholder.tsx';

export function DashboardsRoute() {
  return (
    <SectionPlaceholder
      section="Dashboards"
      purpose="It will chart predicted lifetime value, churn risk and campaign uplift, each with its model card: parameters, data window and holdout accuracy."
    />
  );
}
