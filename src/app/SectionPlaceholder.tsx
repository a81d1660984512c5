// Stands in for a section that is not built yet and says what it will do.
import { useTranslation } from 'react-i18next';
import { Badge } from '../ui/Badge.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/Card.tsx';

export function SectionPlaceholder({ section, purpose }: { section: string; purpose: string }) {
  const { t } = useTranslation();
  return (
    <Card className="m-5 max-w-2xl">
      <CardHeader actions={<Badge tone="warn">{t('placeholder.notBuilt')}</Badge>}>
        <CardTitle>{section}</CardTitle>
      </CardHeader>
      <CardBody>
        <p className="text-base text-fg-muted">{t('placeholder.description', { purpose })}</p>
      </CardBody>
    </Card>
  );
}
