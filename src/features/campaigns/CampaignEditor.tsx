// The campaign editor: name, status and save in the header; the settings and the message on the
// left; the message rendered for a chosen customer on the right. What the campaign still lacks
// before it is ready is listed; a save refused because someone saved first shows what differs.
import { ArrowLeft, History, Save, ShieldCheck, UsersRound } from 'lucide-react';
import { useMemo, useState, type ComponentType } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import { useQuery } from '@tanstack/react-query';
import { getJson } from '../../api/client.ts';
import { membersResponse, type MemberSummary, type SavedCampaign } from '../../api/contract.ts';
import {
  campaignErrors,
  missingForReady,
  type CampaignIssue,
} from '../../domain/campaign/validate.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button, buttonClass } from '../../ui/Button.tsx';
import { Input } from '../../ui/Input.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useAuthorText } from '../../ui/author.ts';
import { formatDateTime } from '../../ui/format.ts';
import {
  AudienceSection,
  ChannelSection,
  OfferSection,
  RecommendationSection,
  Section,
  useIssueWords,
} from './CampaignForm.tsx';
import { CampaignHistory, fieldWords } from './CampaignHistory.tsx';
import { SamplePreview, useRender } from './SamplePreview.tsx';
import { TemplateFields } from './TemplateFields.tsx';
import { AlternatesSection } from './AlternatesSection.tsx';
import { useCampaignEditor, type CampaignEditor as Editor } from './useCampaignEditor.ts';
import { useWriteGate } from '../../ui/permissions.tsx';

function ConflictNotice({ editor }: { editor: Editor }) {
  const { t } = useTranslation('campaigns');
  const gate = useWriteGate('editor');
  const conflict = editor.conflict;
  if (conflict === null) return null;
  const fields = [...new Set(conflict.changes.map((c) => fieldWords(t, c.field)))];
  const at = formatDateTime(conflict.theirs.updated_at);
  return (
    <div
      role="alertdialog"
      aria-label={t('editor.conflict.title')}
      className="space-y-2 rounded-lg border border-warn-200 bg-warn-50 px-4 py-3"
    >
      <p className="font-semibold text-warn-700">{t('editor.conflict.title')}</p>
      <p className="text-sm text-fg">
        {fields.length === 0
          ? t('editor.conflict.same', {
              author: conflict.theirs.author,
              version: conflict.theirs.version,
              at,
            })
          : t('editor.conflict.detail', {
              author: conflict.theirs.author,
              version: conflict.theirs.version,
              at,
              fields: fields.join(', '),
            })}
      </p>
      <div className="flex gap-2">
        <Button variant="primary" onClick={editor.conflictActions.overwrite} {...gate.control}>
          {t('editor.conflict.overwrite', { next: conflict.theirs.version + 1 })}
        </Button>
        {gate.note}
        <Button onClick={editor.conflictActions.takeTheirs}>
          {t('editor.conflict.takeTheirs')}
        </Button>
        <Button variant="ghost" onClick={editor.conflictActions.dismiss}>
          {t('editor.conflict.dismiss')}
        </Button>
      </div>
    </div>
  );
}

export interface CampaignEditorProps {
  saved: SavedCampaign | null;
  /**
   * Beside the audience of a saved campaign: the contact-pressure forecast of its recipients for
   * the version saved (the app gives it; a feature never imports another).
   */
  Forecast?: ComponentType<{ campaignId: string; version: number; className?: string }>;
}

export function CampaignEditor({ saved, Forecast }: CampaignEditorProps) {
  const { t } = useTranslation('campaigns');
  const authorText = useAuthorText();
  const { t: previewWords } = useTranslation('preview');
  const editor = useCampaignEditor(saved);
  const { body, update } = editor;
  const word = useIssueWords();
  const [picked, setPicked] = useState<MemberSummary | null>(null);
  const [historyOpen, setHistoryOpen] = useState(false);
  const toast = useToast();
  const gate = useWriteGate('editor');
  const { t: tCommon } = useTranslation();
  // Until one is chosen, the sample is the target segment's first member.
  const segmentId = body.segment?.segment_id ?? null;
  const firstMember = useQuery({
    queryKey: ['segments', 'members', segmentId, 'first'] as const,
    queryFn: ({ signal }) =>
      getJson(membersResponse, `/api/segments/${encodeURIComponent(segmentId ?? '')}/members`, {
        query: { limit: 1 },
        signal,
      }),
    enabled: picked === null && segmentId !== null,
  });
  const customer = picked ?? firstMember.data?.members[0] ?? null;
  const rendered = useRender(body, customer?.customer_id ?? null);

  const errors = useMemo(() => campaignErrors(body), [body]);
  const missing = useMemo(() => missingForReady(body), [body]);
  const issueAt = (path: string): string | undefined => {
    const found = errors.find((i: CampaignIssue) => i.path.join('.') === path);
    return found ? word(found) : undefined;
  };
  const result = rendered.render.data;
  const problem =
    result && !result.ok && result.error.part !== null
      ? {
          part: result.error.part,
          line: result.error.line ?? 1,
          column: result.error.column ?? 1,
          message: t('preview.errorAt', {
            line: result.error.line ?? 1,
            column: result.error.column ?? 1,
            message: t(`preview.templateError.${result.error.code}`),
          }),
        }
      : null;
  const form = { body, onChange: update, issueAt };
  const saving = editor.saveState.status === 'saving';

  return (
    <div className="mx-auto max-w-[1440px] space-y-3 px-5 py-4">
      <header className="flex flex-wrap items-center gap-2">
        <Link
          to="/campaigns"
          className="inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg"
        >
          <ArrowLeft size={14} aria-hidden="true" />
          {t('editor.back')}
        </Link>
        <Input
          aria-label={t('editor.name')}
          value={body.name}
          maxLength={120}
          onChange={(e) => update({ ...body, name: e.target.value })}
          className="max-w-md text-md font-semibold"
        />
        <Badge tone={editor.saved ? 'neutral' : 'accent'}>
          {editor.saved ? t('editor.version', { version: editor.saved.version }) : t('editor.new')}
        </Badge>
        {!gate.allowed && (
          <Badge tone="info" title={gate.reason ?? undefined}>
            {tCommon('permission.readOnly')}
          </Badge>
        )}
        {editor.dirty && <span className="text-sm text-warn-700">{t('editor.unsaved')}</span>}
        <span className="flex-1" />
        {editor.saved?.segment && (
          <Link
            to={`/campaigns/${encodeURIComponent(editor.saved.campaign_id)}/preview`}
            className={buttonClass('ghost')}
          >
            <UsersRound aria-hidden="true" />
            {previewWords('editorLink')}
          </Link>
        )}
        {editor.saved && (
          <Button variant="ghost" onClick={() => setHistoryOpen(true)}>
            <History aria-hidden="true" />
            {t('history.button')}
          </Button>
        )}
        <Badge tone={body.status === 'ready' ? 'success' : 'neutral'} title={t('editor.status')}>
          {t(`status.${body.status}`)}
        </Badge>
        {editor.saved?.segment && (
          <Link
            to={`/campaigns/${encodeURIComponent(editor.saved.campaign_id)}/audit`}
            className={buttonClass('ghost')}
          >
            <ShieldCheck aria-hidden="true" />
            {t('editor.audit')}
          </Link>
        )}
        <Button
          variant="primary"
          loading={saving}
          onClick={() => editor.save()}
          title={t('editor.saveHint')}
          {...gate.control}
        >
          <Save aria-hidden="true" />
          {saving ? t('editor.saving') : t('editor.save')}
        </Button>
        {gate.note}
      </header>
      <div className="flex flex-wrap items-center gap-3 text-sm text-fg-muted">
        {editor.saved && (
          <span>
            {t('editor.savedBy', {
              author: authorText(editor.saved.author),
              at: formatDateTime(editor.saved.updated_at),
            })}
          </span>
        )}
        <span className={missing.length === 0 ? 'text-success-700' : 'text-fg-muted'}>
          {missing.length === 0
            ? t('editor.ready')
            : t('editor.notReady', { count: missing.length })}
        </span>
        {missing.length > 0 && (
          <span className="truncate" title={[...new Set(missing.map(word))].join('\n')}>
            {[...new Set(missing.map(word))].join(' · ')}
          </span>
        )}
      </div>
      {editor.saveState.status === 'refused' && (
        <p role="alert" className="text-sm text-danger-700">
          {t('editor.refused', {
            title: editor.saveState.title,
            detail: editor.saveState.detail,
          })}
        </p>
      )}
      {editor.restoredDraft && (
        <p role="status" className="flex items-center gap-2 text-sm text-info-700">
          {t('editor.draftRestored')}
          <Button size="sm" variant="ghost" onClick={editor.discardDraft}>
            {t('editor.discardDraft')}
          </Button>
        </p>
      )}
      {editor.setAside && (
        <p role="status" className="flex items-center gap-2 text-sm text-info-700">
          {t('editor.setAside')}
          <Button size="sm" variant="ghost" onClick={editor.bringBack}>
            {t('editor.bringBack')}
          </Button>
        </p>
      )}
      <ConflictNotice editor={editor} />
      {historyOpen && editor.saved && (
        <CampaignHistory
          saved={editor.saved}
          onRestored={(campaign, message) => {
            editor.adopt(campaign);
            toast({ tone: 'success', title: message, description: campaign.name });
          }}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      <div className="grid grid-cols-[minmax(0,1fr)_minmax(0,1fr)] items-start gap-4">
        <div className="space-y-3">
          <ChannelSection {...form} />
          <AudienceSection {...form} />
          {Forecast && editor.saved?.segment && (
            <Forecast
              campaignId={editor.saved.campaign_id}
              version={editor.saved.version}
              className="rounded-lg border border-line bg-surface px-4 py-3"
            />
          )}
          <Section title={t('editor.section.message')}>
            <TemplateFields body={body} onChange={update} problem={problem} issueAt={issueAt} />
          </Section>
          <AlternatesSection {...form} />
          <OfferSection {...form} />
          <RecommendationSection {...form} />
        </div>
        <div className="sticky top-4">
          <Section title={t('editor.section.preview')}>
            <SamplePreview rendered={rendered} customer={customer} onCustomer={setPicked} />
          </Section>
        </div>
      </div>
    </div>
  );
}
