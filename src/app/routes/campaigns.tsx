// Campaigns route; a placeholder until the campaign preview and pre-send audit land.
import { SectionPlaceholder } from '../SectionPlaceholder.tsx';

export function CampaignsRoute() {
  return (
    <SectionPlaceholder
      section="Campaigns"
      purpose="It will preview each recipient's personalised message beside their history and run the guardrail audit across the whole segment before anything is sent."
    />
  );
}
