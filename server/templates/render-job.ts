// What the server's render workers are sent and answer, parsed on both sides of the thread boundary.
import { z } from 'zod';
import { personalisationContext, salutationHints } from '../../src/domain/template/context.ts';
import { messageTemplate, templateRenderResult } from '../../src/domain/template/result.ts';

export const renderJob = z.strictObject({
  id: z.number().int().nonnegative(),
  request: z.strictObject({
    template: messageTemplate,
    personalisation: z.strictObject({ context: personalisationContext, hints: salutationHints }),
    language: z.enum(['fr', 'en']).optional(),
    now: z.number().finite(),
    budgetMs: z.number().int().positive().optional(),
  }),
});
export type RenderJob = z.infer<typeof renderJob>;

export const workerReply = z.union([
  z.strictObject({ ready: z.literal(true) }),
  z.strictObject({ id: z.number().int().nonnegative(), result: templateRenderResult }),
]);
export type WorkerReply = z.infer<typeof workerReply>;
