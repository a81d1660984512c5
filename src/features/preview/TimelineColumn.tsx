// The right column: the recipient's timeline (the customers feature's), with every entry the
// verdicts cite marked with the guardrail's name, and the one asked for brought into view.
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import { evidenceMarks } from './evidence.ts';
import type { EvidenceFocus, PreviewParts } from './parts.ts';
import { previewQueries } from './queries.ts';
import { useVerdictWords } from './verdict-words.ts';

export function TimelineColumn({
  campaignId,
  customerId,
  focus,
  Timeline,
}: {
  campaignId: string;
  customerId: string;
  focus: EvidenceFocus | null;
  Timeline: PreviewParts['Timeline'];
}) {
  const words = useVerdictWords();
  // The same query as the centre's: the cache answers it.
  const preview = useQuery(previewQueries.recipient(campaignId, customerId));
  const verdicts = preview.data?.verdicts;
  const marks = useMemo(() => evidenceMarks(verdicts ?? [], words.name), [verdicts, words]);
  return <Timeline key={customerId} customerId={customerId} marks={marks} focus={focus} />;
}
