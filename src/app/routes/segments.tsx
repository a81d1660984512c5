// Segments route; a placeholder until the segment builder lands.
import { SectionPlaceholder } from '../SectionPlaceholder.tsx';

export function SegmentsRoute() {
  return (
    <SectionPlaceholder
      section="Segments"
      purpose="It will build audiences from nested AND/OR conditions on attributes, behaviour, spend, scores and consent, with the member count updating as you edit."
    />
  );
}
