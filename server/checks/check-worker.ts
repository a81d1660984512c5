// A check worker: decodes the packed histories it is sent and runs the domain's recipientMessage
// on each, rendering in this thread (parsed templates are kept per source), then answers each
// recipient's listing. The setting of a check (campaign, reference rows, recommendation context,
// policy, instant) comes once per check, before its first chunk.
import { parentPort } from 'node:worker_threads';
import { listedRecipient } from '../../src/domain/guardrails/recipient-list.ts';
import { recipientMessage } from '../../src/domain/guardrails/recipient.ts';
import { historyRowCount } from '../../src/domain/profile/history.ts';
import { renderTemplate } from '../../src/domain/template/render.ts';
import type { CheckSetting } from '../check-pool.ts';
import { decodePacked } from '../stores/packed-histories.ts';
import { toWorker, type FromWorker } from './check-messages.ts';

const port = parentPort;
if (port === null) throw new Error('check-worker.ts runs as a worker thread.');
const reply = (message: FromWorker) => port.postMessage(message);

const settings = new Map<number, CheckSetting>();

port.on('message', (message: unknown) => {
  const parsed = toWorker.safeParse(message);
  if (!parsed.success) {
    const chunk = typeof message === 'object' && message !== null && 'chunk' in message;
    if (chunk && typeof message.chunk === 'number')
      reply({
        kind: 'failed',
        chunk: message.chunk,
        message: 'The check job did not fit its schema.',
      });
    return;
  }
  const job = parsed.data;
  if (job.kind === 'setting') settings.set(job.check, job.setting);
  else if (job.kind === 'forget') settings.delete(job.check);
  else {
    const setting = settings.get(job.check);
    if (setting === undefined) {
      reply({ kind: 'failed', chunk: job.chunk, message: `No setting for check ${job.check}.` });
      return;
    }
    void (async () => {
      const campaign = { ...setting, render: renderTemplate };
      const histories = decodePacked(job.rows, setting.reference, job.scope);
      const members = [];
      let rows = 0;
      for (const h of histories) {
        rows += historyRowCount(h);
        const id = h.customer.customer_id;
        const message = await recipientMessage(h, job.scores[id] ?? null, campaign);
        members.push(listedRecipient(h.customer, message.verdicts));
      }
      reply({ kind: 'checked', chunk: job.chunk, members, rows });
    })().catch((error: unknown) =>
      reply({
        kind: 'failed',
        chunk: job.chunk,
        message: error instanceof Error ? error.message : String(error),
      }),
    );
  }
});

reply({ kind: 'ready' });
