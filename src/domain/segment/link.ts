// A definition in a link: base64url of its JSON, what the builder reads from `?d=` (the segments
// feature decodes and checks it: definition-url.ts).
import type { SegmentDefinition } from './definition.ts';

export function encodeDefinition(definition: SegmentDefinition): string {
  const bytes = new TextEncoder().encode(JSON.stringify(definition));
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replaceAll('+', '-').replaceAll('/', '_').replace(/=+$/, '');
}

/** The builder of a new segment, opened on `definition`. */
export function newSegmentLink(definition: SegmentDefinition): string {
  return `/segments/new?d=${encodeDefinition(definition)}`;
}
