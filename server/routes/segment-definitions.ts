// What every segment request that carries a definition shares: its size limit, and the two checks
// of a definition (its shape, then the catalogue and the saved segments), each a 422 naming the
// nodes at fault.
import type { DefinitionIssue, SavedSegment } from '../../src/api/contract.ts';
import { parseDefinition, type SegmentDefinition } from '../../src/domain/segment/definition.ts';
import { validateDefinition } from '../../src/domain/segment/validate.ts';
import { HttpError } from '../http.ts';
import { definitionsById, type ProfileStore } from '../store.ts';
import { limitBody } from './versioned-http.ts';

/** A definition of the maximum size is well under this; a 10 MB body is refused unread. */
export const MAX_BODY_BYTES = 512 * 1024;

export const limitSegmentBody = limitBody(MAX_BODY_BYTES, 'A segment request');

function invalidDefinition(message: string, issues: DefinitionIssue[]): HttpError {
  return new HttpError(422, 'invalid_definition', message, issues);
}

/** The definition's shape (zod), or a 422 naming each bad path. */
export function definitionShape(input: unknown, outcome: string): SegmentDefinition {
  const parsed = parseDefinition(input);
  if (parsed.ok) return parsed.definition;
  throw invalidDefinition(
    `The definition does not have the expected shape; ${outcome}.`,
    parsed.issues.map((i) => ({
      node_id: null,
      path: ['definition', ...i.path],
      code: 'shape',
      message: i.message,
    })),
  );
}

/** Validates against the catalogue and the saved segments (unknown ones, loops), or a 422. */
export async function checkDefinition(
  store: ProfileStore,
  definition: SegmentDefinition,
  saved: readonly SavedSegment[],
  outcome: string,
  selfId?: string,
): Promise<void> {
  const validation = validateDefinition(definition, {
    catalogue: await store.catalogue(),
    segments: definitionsById(saved),
    ...(selfId === undefined ? {} : { selfId }),
  });
  if (validation.valid) return;
  const n = validation.issues.length;
  throw invalidDefinition(
    `${n} ${n === 1 ? 'problem' : 'problems'} in the definition; ${outcome}.`,
    validation.issues.map((i) => ({
      node_id: i.nodeId,
      path: ['definition', ...i.path],
      code: i.code,
      message: i.message,
    })),
  );
}
