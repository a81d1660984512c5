// The form half of the development-only kitchen sink: fields, select, combobox, overlays, toasts.
import { useState } from 'react';
import { Button } from '../../ui/Button.tsx';
import { Card, CardBody, CardHeader, CardTitle } from '../../ui/Card.tsx';
import { Combobox } from '../../ui/Combobox.tsx';
import { Dialog, DialogClose, DialogContent, DialogTrigger } from '../../ui/Dialog.tsx';
import { Field } from '../../ui/Field.tsx';
import { Input } from '../../ui/Input.tsx';
import { Popover, PopoverContent, PopoverTrigger } from '../../ui/Popover.tsx';
import { Select } from '../../ui/Select.tsx';
import { useToast } from '../../ui/Toast.tsx';
import { people } from './kitPeople.ts';

type Channel = 'email' | 'sms' | 'push';

export function KitForms() {
  const toast = useToast();
  const [query, setQuery] = useState('');
  const [channel, setChannel] = useState<Channel | undefined>('email');
  const matches = people.filter((p) =>
    `${p.name} ${p.email}`.toLowerCase().includes(query.toLowerCase()),
  );
  return (
    <Card>
      <CardHeader>
        <CardTitle>Form controls</CardTitle>
      </CardHeader>
      <CardBody className="grid grid-cols-2 gap-3">
        <Field label="Segment name" hint="Shown to your team only.">
          {(control) => <Input {...control} defaultValue="Lapsed loyalists" />}
        </Field>
        <Field label="Holdout share" error="Enter a share between 0 and 50 %.">
          {(control) => <Input {...control} defaultValue="75" />}
        </Field>
        <Field label="Channel">
          {(control) => (
            <Select
              {...control}
              value={channel}
              onValueChange={setChannel}
              options={[
                { value: 'email', label: 'Email' },
                { value: 'sms', label: 'SMS' },
                { value: 'push', label: 'Push' },
              ]}
            />
          )}
        </Field>
        <Field label="Customer">
          {(control) => (
            <Combobox
              {...control}
              placeholder="Name or email"
              items={matches}
              getKey={(p) => p.id}
              inputValue={query}
              onInputChange={setQuery}
              emptyText="No customer matches"
              onSelect={(p) => {
                setQuery(p.name);
                toast({ title: `Opened ${p.name}`, tone: 'success' });
              }}
              renderItem={(p) => (
                <span className="flex flex-col">
                  <span className="truncate">{p.name}</span>
                  <span className="truncate text-sm text-fg-muted">{p.email}</span>
                </span>
              )}
            />
          )}
        </Field>
        <div className="col-span-2 flex gap-2">
          <Dialog>
            <DialogTrigger asChild>
              <Button>Open dialog</Button>
            </DialogTrigger>
            <DialogContent
              title="Exclude 12 recipients?"
              description="They already own the recommended product."
              footer={
                <>
                  <DialogClose asChild>
                    <Button variant="ghost">Cancel</Button>
                  </DialogClose>
                  <Button variant="danger">Exclude</Button>
                </>
              }
            >
              <p>The campaign will go to 4 311 members instead of 4 323.</p>
            </DialogContent>
          </Dialog>
          <Popover>
            <PopoverTrigger asChild>
              <Button>Open popover</Button>
            </PopoverTrigger>
            <PopoverContent aria-label="Already owned">
              <p className="font-medium">Already owned</p>
              <p className="text-sm text-fg-muted">
                Bought in store on 3 March with loyalty card 4410.
              </p>
            </PopoverContent>
          </Popover>
          <Button
            onClick={() =>
              toast({
                title: 'Segment saved',
                description: 'Version 4 is live.',
                tone: 'success',
              })
            }
          >
            Toast
          </Button>
          <Button
            onClick={() =>
              toast({
                title: 'Audit failed',
                description: 'The profile API answered 503.',
                tone: 'danger',
              })
            }
          >
            Danger toast
          </Button>
        </div>
      </CardBody>
    </Card>
  );
}
