// The guardrail policy page: its name, version and history in the header; who saves, why, and Save
// in one bar; what keeps a save from going (fields to fix, a refusal, someone else's version);
// then the settings, card by card.
import { ArrowLeft, History, Save } from 'lucide-react';
import { useState } from 'react';
import { Link } from 'react-router';
import { useTranslation } from 'react-i18next';
import type { SavedPolicy } from '../../api/contract.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Field } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { useAuthorText } from '../../ui/author.ts';
import { formatDateTime } from '../../ui/format.ts';
import { PolicyHistory } from './PolicyHistory.tsx';
import { OffersSection } from './OffersSection.tsx';
import { PressureSection } from './PressureSection.tsx';
import { QuietHoursSection } from './QuietHoursSection.tsx';
import { settingWords, useFieldIssueWords } from './policy-words.ts';
import { usePolicyEditor, type PolicyEditor as Editor } from './usePolicyEditor.ts';
import { useWriteGate } from '../../ui/permissions.tsx';

function ConflictNotice({ editor }: { editor: Editor }) {
  const { t } = useTranslation('guardrails');
  const gate = useWriteGate('admin');
  const conflict = editor.conflict;
  if (conflict === null) return null;
  const fields = [...new Set(conflict.changes.map((path) => settingWords(t, path)))];
  const words = {
    author: conflict.theirs.author,
    version: conflict.theirs.version,
    at: formatDateTime(conflict.theirs.updated_at),
  };
  return (
    <div
      role="alertdialog"
      aria-label={t('policy.conflict.title')}
      className="space-y-2 rounded-lg border border-warn-200 bg-warn-50 px-4 py-3"
    >
      <p className="font-semibold text-warn-700">{t('policy.conflict.title')}</p>
      <p className="text-sm text-fg">
        {fields.length === 0
          ? t('policy.conflict.same', words)
          : t('policy.conflict.detail', { ...words, fields: fields.join(', ') })}
      </p>
      <div className="flex gap-2">
        <Button variant="primary" onClick={editor.conflictActions.overwrite} {...gate.control}>
          {t('policy.conflict.overwrite', { next: conflict.theirs.version + 1 })}
        </Button>
        {gate.note}
        <Button onClick={editor.conflictActions.takeTheirs}>
          {t('policy.conflict.takeTheirs')}
        </Button>
        <Button variant="ghost" onClick={editor.conflictActions.dismiss}>
          {t('policy.conflict.dismiss')}
        </Button>
      </div>
    </div>
  );
}

function Notices({ editor }: { editor: Editor }) {
  const { t } = useTranslation('guardrails');
  const state = editor.saveState;
  return (
    <>
      {state.status === 'invalid' && (
        <p role="alert" className="text-sm text-danger-700">
          {t('policy.invalid', { count: state.count })}
        </p>
      )}
      {state.status === 'refused' && (
        <p role="alert" className="text-sm text-danger-700">
          {t('policy.refused', { title: state.title, detail: state.detail })}
        </p>
      )}
      {editor.restoredDraft && (
        <p role="status" className="flex items-center gap-2 text-sm text-info-700">
          {t('policy.draftRestored')}
          <Button size="sm" variant="ghost" onClick={editor.discardDraft}>
            {t('policy.discardDraft')}
          </Button>
        </p>
      )}
      {editor.setAside && (
        <p role="status" className="flex items-center gap-2 text-sm text-info-700">
          {t('policy.setAside')}
          <Button size="sm" variant="ghost" onClick={editor.bringBack}>
            {t('policy.bringBack')}
          </Button>
        </p>
      )}
      <ConflictNotice editor={editor} />
    </>
  );
}

export function PolicyEditor({ saved }: { saved: SavedPolicy }) {
  const { t } = useTranslation('guardrails');
  const authorText = useAuthorText();
  const editor = usePolicyEditor(saved);
  const [historyOpen, setHistoryOpen] = useState(false);
  const toast = useToast();
  const gate = useWriteGate('admin');
  const word = useFieldIssueWords();
  const issueAt = (path: string) => word(editor.reading.issues.get(path));
  const form = { draft: editor.draft, onChange: editor.update, issueAt };
  const saving = editor.saveState.status === 'saving';
  const current = editor.saved;

  return (
    <div className="mx-auto max-w-[1180px] space-y-3 px-5 py-4">
      <header className="flex flex-wrap items-center gap-2">
        <Link
          to="/campaigns"
          className="inline-flex items-center gap-1 text-sm text-fg-muted hover:text-fg"
        >
          <ArrowLeft size={14} aria-hidden="true" />
          {t('policy.back')}
        </Link>
        <h2 className="text-lg font-semibold text-fg">{t('policy.title')}</h2>
        <Badge tone={editor.dirty ? 'warn' : 'neutral'}>
          {t('policy.version', { version: current.version })}
        </Badge>
        {editor.dirty && <span className="text-sm text-warn-700">{t('policy.unsaved')}</span>}
        <span className="flex-1" />
        <span className="text-sm text-fg-subtle">
          {t('policy.savedBy', {
            author: authorText(current.author),
            at: formatDateTime(current.updated_at),
          })}
        </span>
        <Button variant="ghost" onClick={() => setHistoryOpen(true)}>
          <History aria-hidden="true" />
          {t('policy.history.button')}
        </Button>
      </header>
      <p className="text-sm text-fg-muted">{t('policy.intro')}</p>
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-line bg-surface px-4 py-3">
        <Field label={t('policy.name')} error={issueAt('name')} className="w-72">
          {(control) => (
            <Input
              {...control}
              value={editor.draft.name}
              maxLength={200}
              onChange={(e) => editor.update({ ...editor.draft, name: e.target.value })}
            />
          )}
        </Field>
        <Field label={t('policy.note')} className="min-w-64 flex-1">
          {(control) => (
            <Input
              {...control}
              value={editor.note}
              maxLength={200}
              placeholder={t('policy.notePlaceholder')}
              onChange={(e) => editor.setNote(e.target.value)}
            />
          )}
        </Field>
        <Button
          variant="primary"
          loading={saving}
          onClick={editor.save}
          title={t('policy.saveHint')}
          aria-keyshortcuts={gate.allowed ? 'Control+S' : undefined}
          {...gate.control}
        >
          <Save aria-hidden="true" />
          {saving ? t('policy.saving') : t('policy.save')}
        </Button>
        {gate.note}
      </div>
      <Notices editor={editor} />
      {historyOpen && (
        <PolicyHistory
          saved={current}
          onRestored={(policy, message) => {
            editor.adopt(policy);
            toast({ tone: 'success', title: message, description: policy.name });
          }}
          onClose={() => setHistoryOpen(false)}
        />
      )}
      <div className="grid grid-cols-[minmax(0,5fr)_minmax(0,7fr)] items-start gap-3">
        <OffersSection {...form} />
        <PressureSection {...form} />
      </div>
      <QuietHoursSection {...form} />
    </div>
  );
}
