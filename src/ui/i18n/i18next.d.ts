// Message keys are typed from the English catalogues: a key missing there does not compile, and
// catalogues.test.ts holds the French ones to the same keys.
import 'i18next';
import type builder from './locales/en/builder.json';
import type campaigns from './locales/en/campaigns.json';
import type common from './locales/en/common.json';
import type customers from './locales/en/customers.json';
import type dashboards from './locales/en/dashboards.json';
import type errors from './locales/en/errors.json';
import type guardrails from './locales/en/guardrails.json';
import type team from './locales/en/team.json';
import type auditlog from './locales/en/auditlog.json';
import type imports from './locales/en/imports.json';
import type preview from './locales/en/preview.json';
import type segments from './locales/en/segments.json';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'common';
    resources: {
      common: typeof common;
      errors: typeof errors;
      segments: typeof segments;
      builder: typeof builder;
      customers: typeof customers;
      campaigns: typeof campaigns;
      dashboards: typeof dashboards;
      preview: typeof preview;
      guardrails: typeof guardrails;
      team: typeof team;
      auditlog: typeof auditlog;
      imports: typeof imports;
    };
  }
}
