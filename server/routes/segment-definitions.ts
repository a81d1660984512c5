// What every segment request that carries a definition shares: its size limit, and the two checks
// of a definition (its shape, then the catalogue and the saved segments), each a 422 naming the
// nodes at fault, with each issue's code and figures.
import type { DefinitionIssue, SavedSegment } from '../../src/api/contract.ts';
import type { SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { parseDefinition } from '../../src/domain/segment/parse-definition.ts';
import { validateDefinition } from '../../src/domain/segment/validate.ts';
import { httpError } from '../http.ts';
import { definitionsById, type ProfileStore } from '../store.ts';
import { limitBody } from './versioned-http.ts';

/** A definition of the maximum size is well under this; a 10 MB body is refused unread. */
export const MAX_BODY_BYTES = 512 * 1024;

export const limitSegmentBody = limitBody(MAX_BODY_BYTES, 'A segment request');

/** What became of the request whose definition was refused, as its 422 says. */
export type Outcome =
  | { outcome: 'not_counted' | 'not_created' | 'not_saved' }
  | { outcome: 'not_restored'; version: number };

function outcomeText(outcome: Outcome): string {
  switch (outcome.outcome) {
    case 'not_counted':
      return 'it was not counted';
    case 'not_created':
      return 'the segment was not created';
    case 'not_saved':
      return 'nothing was saved';
    case 'not_restored':
      return `version ${outcome.version} cannot be restored as it is; nothing was saved`;
  }
}

/** The definition's shape (zod), or a 422 naming each bad path with zod's code and figures. */
export function definitionShape(input: unknown, outcome: Outcome): SegmentDefinition {
  const parsed = parseDefinition(input);
  if (parsed.ok) return parsed.definition;
  const issues: DefinitionIssue[] = parsed.issues.map((i) => ({
    ...i,
    node_id: null,
    path: ['definition', ...i.path],
  }));
  throw httpError(
    'definition_malformed',
    `The definition does not have the expected shape; ${outcomeText(outcome)}.`,
    { count: issues.length, ...outcome },
    { issues },
  );
}

/** Validates against the catalogue and the saved segments (unknown ones, loops), or a 422. */
export async function checkDefinition(
  store: ProfileStore,
  definition: SegmentDefinition,
  saved: readonly SavedSegment[],
  outcome: Outcome,
  selfId?: string,
): Promise<void> {
  const validation = validateDefinition(definition, {
    catalogue: await store.catalogue(),
    segments: definitionsById(saved),
    ...(selfId === undefined ? {} : { selfId }),
  });
  if (validation.valid) return;
  const n = validation.issues.length;
  const issues: DefinitionIssue[] = validation.issues.map((i) => ({
    node_id: i.nodeId,
    path: ['definition', ...i.path],
    code: i.code,
    message: i.message,
    params: i.params,
  }));
  throw httpError(
    'invalid_definition',
    `${n} ${n === 1 ? 'problem' : 'problems'} in the definition; ${outcomeText(outcome)}.`,
    { count: n, ...outcome },
    { issues },
  );
}
