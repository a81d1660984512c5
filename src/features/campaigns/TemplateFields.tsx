// The message's template parts for the campaign's channel, each a Liquid editor completing the
// personalisation context's fields (as the API lists them) and showing the last render's error at
// its line and column.
import { useQuery } from '@tanstack/react-query';
import { useId, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { getJson } from '../../api/client.ts';
import { templateFieldsResponse } from '../../api/contract.ts';
import type { CampaignBody } from '../../domain/campaign/campaign.ts';
import { PARTS_OF, ONE_LINE_PARTS, type TemplatePart } from '../../domain/template/result.ts';
import { useLanguage } from '../../ui/i18n/I18nProvider.tsx';
import { LiquidEditor, type ContextFieldOption, type TemplateProblem } from './LiquidEditor.tsx';

/** The filters a template may use besides Liquid's own, as the editor offers them. */
const FILTERS = ['default', 'money', 'date', 'capitalize', 'upcase', 'downcase', 'escape'] as const;

export const templateFieldsQuery = () => ({
  queryKey: ['templates', 'fields'] as const,
  queryFn: ({ signal }: { signal: AbortSignal }) =>
    getJson(templateFieldsResponse, '/api/templates/fields', { signal }),
  staleTime: Infinity,
});

function partValue(body: CampaignBody, part: TemplatePart): string {
  const template: Partial<Record<TemplatePart, string>> = body.template;
  return template[part] ?? '';
}

function withPart(body: CampaignBody, part: TemplatePart, value: string): CampaignBody {
  switch (body.channel) {
    case 'email':
      return { ...body, template: { ...body.template, [part]: value } };
    case 'sms':
      return { ...body, template: { ...body.template, [part]: value } };
    case 'push':
      return { ...body, template: { ...body.template, [part]: value } };
    case 'web_banner':
      return { ...body, template: { ...body.template, [part]: value } };
  }
}

export function TemplateFields({
  body,
  onChange,
  problem,
  issueAt,
}: {
  body: CampaignBody;
  onChange: (body: CampaignBody) => void;
  /** The last render's error, worded, with its part and place. */
  problem: (TemplateProblem & { part: TemplatePart }) | null;
  issueAt: (path: string) => string | undefined;
}) {
  const { t } = useTranslation('campaigns');
  const { language } = useLanguage();
  const id = useId();
  const fieldsQuery = useQuery(templateFieldsQuery());
  const fields = useMemo<ContextFieldOption[]>(
    () =>
      (fieldsQuery.data?.fields ?? []).map((f) => ({
        path: f.path,
        type: f.type,
        description: f.description[language],
      })),
    [fieldsQuery.data, language],
  );
  const filters = useMemo(() => FILTERS.map((name) => ({ name, description: name })), []);
  return (
    <div className="space-y-3">
      {PARTS_OF[body.channel].map((part) => {
        const problems = problem?.part === part ? [problem] : [];
        const issue = issueAt(`template.${part}`);
        const errorId = `${id}-${part}-error`;
        const labelId = `${id}-${part}-label`;
        return (
          <div key={part} className="flex flex-col gap-1">
            <span id={labelId} className="text-sm font-medium text-fg">
              {t(`editor.part.${part}`)}
            </span>
            <LiquidEditor
              label={t(`editor.part.${part}`)}
              value={partValue(body, part)}
              onChange={(value) => onChange(withPart(body, part, value))}
              fields={fields}
              filters={filters}
              problems={problems}
              singleLine={ONE_LINE_PARTS.has(part)}
              invalid={problems.length > 0 || issue !== undefined}
              {...(problems.length > 0 || issue !== undefined ? { describedBy: errorId } : {})}
            />
            {(problems.length > 0 || issue !== undefined) && (
              <p id={errorId} role="alert" className="text-sm text-danger-700">
                {problems.map((p) => p.message).join(' ') || issue}
              </p>
            )}
          </div>
        );
      })}
    </div>
  );
}
