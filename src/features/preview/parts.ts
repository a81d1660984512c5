// What the preview screen shows but other features own: the rendered message (campaigns), the
// customer's timeline (customers) and the words of the campaign's segment (segments). The route
// composes them; features never import one another.
import type { ComponentType } from 'react';
import type { TemplateRenderResponse } from '../../api/contract.ts';
import type { TimelineKindName } from '../../domain/profile/timeline.ts';
import type { FieldCatalogue } from '../../domain/segment/catalogue-view.ts';
import type { SegmentDefinition } from '../../domain/segment/definition.ts';
import type { SegmentNames } from '../../domain/segment/describe.ts';
import type { ValueWords } from '../../domain/segment/value-words.ts';
import type { QueryStatus } from '../../ui/QueryState.tsx';

export type EmailDevice = 'desktop' | 'mobile';

export interface MessageProps {
  result: TemplateRenderResponse;
  /** The recipient's name, as text. */
  name: string;
  device: EmailDevice;
}

/** A timeline entry a verdict cites, with the guardrail's name. */
export interface EvidenceMark {
  kind: TimelineKindName;
  id: string;
  label: string;
}

/** The entry to bring into view; a new `request` brings it back after the user scrolled away. */
export interface EvidenceFocus {
  kind: TimelineKindName;
  id: string;
  request: number;
}

export interface TimelinePanelProps {
  customerId: string;
  marks: readonly EvidenceMark[];
  focus: EvidenceFocus | null;
}

export interface PreviewParts {
  Message: ComponentType<MessageProps>;
  Timeline: ComponentType<TimelinePanelProps>;
  /** Fetches a recipient's timeline ahead of a move. */
  prefetchTimeline?: (customerId: string) => void;
}

/** What the why-trace needs to word each step: the pinned version's definition and its words. */
export interface SegmentWording {
  name: string;
  version: number;
  definition: SegmentDefinition;
  catalogue: FieldCatalogue;
  segmentNames: SegmentNames;
  valueWords: ValueWords;
}

/** The pinned segment as loaded: `data` null when the campaign targets no segment. */
export interface SegmentSource {
  status: QueryStatus;
  error: unknown;
  data: SegmentWording | null | undefined;
  retry: () => void;
  retrying: boolean;
}
