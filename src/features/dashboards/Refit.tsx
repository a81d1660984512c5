// "Refit now" on the model card: fits the models again and rescores every customer, shows the
// stage while it runs (the server's stage words, per language), and says how it ended.
import { useMutation, useQuery, type QueryKey } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { RefreshCw } from 'lucide-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../ui/Button.tsx';
import { Dialog, DialogClose, DialogContent } from '../../ui/Dialog.tsx';
import { describeError } from '../../ui/QueryState.tsx';
import { useErrorWords } from '../../ui/error-words.ts';
import { useToast } from '../../ui/Toast.tsx';
import { formatCount, formatDateTime } from '../../ui/format.ts';
import { refitFailureText } from './refit-failure.ts';
import { modelMutations, modelQueries } from './queries.ts';
import { useWriteGate } from '../../ui/permissions.tsx';

/** The stages the server reports today; a stage not listed shows as it came. */
const stageKeys = {
  starting: 'starting',
  'reading the orders': 'readingOrders',
  'fitting the models and scoring': 'fitting',
  'writing the scores': 'writingScores',
} as const;
const isStage = (stage: string): stage is keyof typeof stageKeys => Object.hasOwn(stageKeys, stage);

function stageText(t: TFunction<'dashboards'>, stage: string): string {
  return isStage(stage) ? t(`modelCard.refit.stage.${stageKeys[stage]}`) : stage;
}

/** "Refit now", the stage while it runs, and the card and every score reloaded once it is done. */
export function Refit({ rescored }: { rescored: readonly QueryKey[] }) {
  const { t } = useTranslation('dashboards');
  const { t: tCommon } = useTranslation();
  const errorWords = useErrorWords();
  const toast = useToast();
  const refit = useMutation(modelMutations.refit(rescored));
  const last = useQuery(modelQueries.lastRefit());
  const [confirming, setConfirming] = useState(false);
  const gate = useWriteGate('admin');
  const [stage, setStage] = useState<string | null>(null);
  const start = () => {
    setConfirming(false);
    setStage(null);
    refit.mutate(
      { onStage: setStage },
      {
        onSuccess: (status) => {
          if (status.state !== 'done') return;
          toast({
            tone: 'success',
            title: t('modelCard.refit.done'),
            description: t('modelCard.refit.doneDetail', {
              version: status.model_version,
              count: status.customers,
              customers: formatCount(status.customers),
            }),
          });
        },
      },
    );
  };
  const failure =
    refit.data?.state === 'failed'
      ? refitFailureText(t, refit.data.no_model)
      : refit.isError
        ? (({ title, detail }) => `${title}. ${detail}`)(
            describeError(refit.error, errorWords, {
              title: tCommon('state.errorTitle'),
              detail: tCommon('state.errorDetail'),
            }),
          )
        : null;
  const previous = last.data;
  const lastText =
    previous === undefined
      ? ''
      : previous.state === 'done' || previous.state === 'failed'
        ? t(previous.state === 'done' ? 'modelCard.refit.last' : 'modelCard.refit.lastFailed', {
            at: formatDateTime(previous.finished_at),
            by: previous.by,
          })
        : previous.state === 'idle'
          ? t('modelCard.refit.none')
          : '';
  // The header gives its actions the room they ask for: a long outcome wraps rather than squeeze
  // the card's title.
  return (
    <div className="flex items-center gap-2">
      {!refit.isPending && failure === null && lastText !== '' && (
        <span className="max-w-md text-right text-sm text-fg-muted">{lastText}</span>
      )}
      <span role="status" className="max-w-md text-right text-sm text-fg-muted">
        {refit.isPending && stage !== null
          ? t('modelCard.refit.running', { stage: stageText(t, stage) })
          : ''}
      </span>
      {failure !== null && (
        <span role="alert" className="max-w-md text-right text-sm text-danger-700">
          {failure}
        </span>
      )}
      <Button
        size="sm"
        icon={<RefreshCw aria-hidden="true" />}
        loading={refit.isPending}
        onClick={() => setConfirming(true)}
        title={t('modelCard.refit.hint')}
        {...gate.control}
      >
        {t('modelCard.refit.action')}
      </Button>
      {gate.note}
      <Dialog open={confirming} onOpenChange={setConfirming}>
        <DialogContent
          width="sm"
          title={t('modelCard.refit.confirmTitle')}
          description={t('modelCard.refit.confirmDescription')}
          footer={
            <>
              <DialogClose asChild>
                <Button>{t('modelCard.refit.keep')}</Button>
              </DialogClose>
              <Button variant="primary" onClick={start}>
                {t('modelCard.refit.confirm')}
              </Button>
            </>
          }
        >
          <ul className="list-disc space-y-1 pl-5 text-base text-fg">
            <li>{t('modelCard.refit.changesScores')}</li>
            <li>{t('modelCard.refit.changesSegments')}</li>
            <li>{t('modelCard.refit.changesAudits')}</li>
          </ul>
          {lastText !== '' && <p className="mt-2 text-sm text-fg-muted">{lastText}</p>}
        </DialogContent>
      </Dialog>
    </div>
  );
}
