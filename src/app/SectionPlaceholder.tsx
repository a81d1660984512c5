// Stands in for a section that is not built yet and says what it will do.
import { Badge } from '../ui/Badge.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../ui/Card.tsx';

export function SectionPlaceholder({ section, purpose }: { section: string; purpose: string }) {
  return (
    <Card className="m-5 max-w-2xl">
      <CardHeader actions={<Badge tone="warn">Not built yet</Badge>}>
        <CardTitle>{section}</CardTitle>
      </CardHeader>
      <CardBody>
        <p className="text-base text-fg-muted">This section is not built yet. {purpose}</p>
      </CardBody>
    </Card>
  );
}
