// Development-only page (/_kit) showing every primitive, to judge the design system by eye.
import { Inbox, Plus } from 'lucide-react';
import { Badge } from '../../ui/Badge.tsx';
import { Button } from '../../ui/Button.tsx';
import { Card, CardBody, CardDescription, CardHeader, CardTitle } from '../../ui/Card.tsx';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { ErrorState } from '../../ui/ErrorState.tsx';
import { Kbd } from '../../ui/Kbd.tsx';
import { QueryState } from '../../ui/QueryState.tsx';
import { Skeleton } from '../../ui/Skeleton.tsx';
import { Spinner } from '../../ui/Spinner.tsx';
import { KitForms } from './kitForms.tsx';
import { people } from './kitPeople.ts';
import { Table, TBody, Td, Th, THead, Tr } from '../../ui/Table.tsx';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '../../ui/Tabs.tsx';

const euros = new Intl.NumberFormat('en-GB', { style: 'currency', currency: 'EUR' });

export function KitRoute() {
  return (
    <div className="grid max-w-6xl grid-cols-2 gap-4 p-5">
      <Card>
        <CardHeader actions={<Kbd>⌘K</Kbd>}>
          <CardTitle>Buttons and badges</CardTitle>
          <CardDescription>Variants, sizes, loading, disabled</CardDescription>
        </CardHeader>
        <CardBody className="flex flex-col gap-3">
          <div className="flex flex-wrap items-center gap-2">
            <Button variant="primary" icon={<Plus aria-hidden="true" />}>
              New segment
            </Button>
            <Button>Duplicate</Button>
            <Button variant="ghost">Cancel</Button>
            <Button variant="danger">Exclude 12</Button>
            <Button variant="primary" loading>
              Saving
            </Button>
          </div>
          <div className="flex flex-wrap items-center gap-2">
            <Button size="sm" variant="primary">
              Send test
            </Button>
            <Button size="sm">Preview</Button>
            <Button size="sm" disabled>
              Disabled
            </Button>
            <Button size="sm" variant="ghost">
              Reset
            </Button>
            <Button size="sm" variant="danger">
              Drop offer
            </Button>
          </div>
          <div className="flex flex-wrap items-center gap-1.5">
            {(['neutral', 'accent', 'success', 'warn', 'danger', 'info'] as const).map((tone) => (
              <Badge key={tone} tone={tone}>
                {tone}
              </Badge>
            ))}
            <Spinner className="ml-2 text-fg-muted" />
            <Skeleton className="ml-2 w-24" />
          </div>
        </CardBody>
      </Card>
      <KitForms />
      <Card className="col-span-2">
        <Tabs defaultValue="members">
          <TabsList className="px-4">
            <TabsTrigger value="members">Members</TabsTrigger>
            <TabsTrigger value="states">States</TabsTrigger>
            <TabsTrigger value="history" disabled>
              History
            </TabsTrigger>
          </TabsList>
          <TabsContent value="members" className="pt-0">
            <Table>
              <THead>
                <Tr>
                  <Th>Customer</Th>
                  <Th>Email</Th>
                  <Th numeric>Orders</Th>
                  <Th numeric>Predicted CLV</Th>
                  <Th>Status</Th>
                </Tr>
              </THead>
              <TBody>
                {people.map((p, i) => (
                  <Tr key={p.id} interactive>
                    <Td className="font-medium">{p.name}</Td>
                    <Td className="text-fg-muted">{p.email}</Td>
                    <Td numeric>{p.orders}</Td>
                    <Td numeric>{euros.format(p.clv)}</Td>
                    <Td>
                      <Badge tone={i === 2 ? 'warn' : 'success'}>
                        {i === 2 ? 'Already owns' : 'Ready'}
                      </Badge>
                    </Td>
                  </Tr>
                ))}
              </TBody>
            </Table>
          </TabsContent>
          <TabsContent value="states" className="grid grid-cols-3 gap-4 p-4">
            <EmptyState
              icon={<Inbox />}
              title="No members yet"
              description="Add a condition to see who matches."
            />
            <ErrorState
              title="The server failed"
              detail="The profile API answered 503. Try again."
              onRetry={() => undefined}
            />
            <QueryState
              status="pending"
              error={null}
              data={undefined}
              empty={null}
              loadingLabel="Loading members"
            >
              {() => null}
            </QueryState>
          </TabsContent>
        </Tabs>
      </Card>
    </div>
  );
}
