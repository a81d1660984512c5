// What the server's thread and its check workers say to each other. The envelope is parsed on
// both sides; the payloads are this process's own objects, structured-cloned between threads (the
// setting's maps of products, the recipients' verdicts), checked for their kind only.
import { z } from 'zod';
import type { ListedRecipient } from '../../src/domain/guardrails/recipient-list.ts';
import type { HistoryScope } from '../../src/domain/profile/history.ts';
import type { TemplateScores } from '../../src/domain/template/context.ts';
import type { CheckSetting } from '../check-pool.ts';
import type { PackedRow } from '../stores/packed-histories.ts';

const isObject = (v: unknown) => typeof v === 'object' && v !== null;

export const toWorker = z.discriminatedUnion('kind', [
  z.object({
    kind: z.literal('setting'),
    check: z.number().int(),
    setting: z.custom<CheckSetting>(isObject),
  }),
  z.object({
    kind: z.literal('chunk'),
    check: z.number().int(),
    chunk: z.number().int(),
    rows: z.array(z.custom<PackedRow>(isObject)),
    scope: z.custom<HistoryScope>(isObject),
    scores: z.record(
      z.string(),
      z.custom<TemplateScores | null>((v) => v === null || isObject(v)),
    ),
  }),
  z.object({ kind: z.literal('forget'), check: z.number().int() }),
]);
export type ToWorker = z.infer<typeof toWorker>;

export const fromWorker = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('ready') }),
  z.object({
    kind: z.literal('checked'),
    chunk: z.number().int(),
    members: z.array(z.custom<ListedRecipient>(isObject)),
    rows: z.number().int(),
  }),
  z.object({ kind: z.literal('failed'), chunk: z.number().int(), message: z.string() }),
]);
export type FromWorker = z.infer<typeof fromWorker>;
