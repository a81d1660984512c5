// Campaigns route; a placeholder until the campaign preview and pre-send audit land.
import { useTranslation } from 'react-i18next';
import { SectionPlaceholder } from '../SectionPlaceholder.tsx';

export function CampaignsRoute() {
  const { t } = useTranslation();
  return (
    <SectionPlaceholder
      section={t('app.section.campaigns')}
      purpose={t('placeholder.campaignsPurpose')}
    />
  );
}
