// What a role may not save, the builder says before the server does: a viewer reads, counts and
// downloads members, and every save (Save, Ctrl+S, a copy, a delete, a restore, a conflict's saves)
// is disabled with the role it needs, sending nothing.
import { useQuery } from '@tanstack/react-query';
import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, test, vi } from 'vitest';
import { mockApi } from '../../../mocks/node.ts';
import { savedSegment, type SavedSegment } from '../../api/contract.ts';
import { renderAt } from '../../test/render.tsx';
import { recordWrites, settle } from '../../test/writes.ts';
import { RoleProvider, type Role } from '../../ui/permissions.tsx';
import { ConflictPanel } from './ConflictPanel.tsx';
import { segmentQueries } from './queries.ts';
import { SegmentBuilder } from './SegmentBuilder.tsx';

beforeAll(() => mockApi.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => localStorage.clear());
afterEach(() => mockApi.resetHandlers());
afterAll(() => mockApi.close());

const EDITORS_ONLY = 'Editors only: you are a viewer.';

const cityIs = (value: string) => ({
  version: 1,
  root: {
    id: 'root',
    kind: 'group',
    negate: false,
    combinator: 'and',
    children: [
      {
        id: 'city',
        kind: 'attribute',
        negate: false,
        field: 'customer.city',
        test: { operator: 'equals', value },
      },
    ],
  },
});

/** A segment saved straight through the API (by the tests' signed-in admin), in two versions. */
async function savedTwice(name: string): Promise<SavedSegment> {
  const send = (path: string, init: RequestInit) =>
    fetch(new URL(path, globalThis.location.href), {
      ...init,
      headers: { 'content-type': 'application/json', ...init.headers },
    });
  const created = await send('/api/segments', {
    method: 'POST',
    body: JSON.stringify({ name, definition: cityIs('Lyon') }),
  });
  expect(created.status).toBe(201);
  const first = savedSegment.parse(await created.json());
  const updated = await send(`/api/segments/${first.segment_id}`, {
    method: 'PUT',
    headers: { 'if-match': `"${first.version}"` },
    body: JSON.stringify({ name, definition: cityIs('Paris') }),
  });
  expect(updated.status).toBe(200);
  return savedSegment.parse(await updated.json());
}

/** Every write the page sends; counts, overlaps and forecasts are reads sent as POST. */
const recordBuilderWrites = () => recordWrites((path) => /\/(count|overlap|forecast)$/.test(path));

function Builder({ segment }: { segment: SavedSegment }) {
  const catalogue = useQuery(segmentQueries.catalogue());
  const [encoded, setEncoded] = useState<string | null>(null);
  const [breakdown, setBreakdown] = useState<string | null>(null);
  if (catalogue.data === undefined) return null;
  return (
    <SegmentBuilder
      catalogue={catalogue.data}
      segment={segment}
      segments={[]}
      encoded={encoded}
      onEncodedChange={setEncoded}
      breakdown={breakdown}
      onBreakdownChange={setBreakdown}
    />
  );
}

function openAs(role: Role, segment: SavedSegment) {
  return renderAt('/segments/x', [
    {
      path: '/segments/x',
      element: (
        <RoleProvider role={role}>
          <Builder segment={segment} />
        </RoleProvider>
      ),
    },
  ]);
}

describe('a viewer in the segment builder', () => {
  test('sees it is read-only; Save, Duplicate and Delete are disabled and say who may', async () => {
    const segment = await savedTwice('Lyonnais — lecture');
    openAs('viewer', segment);
    const save = await screen.findByRole('button', { name: 'Save' });
    expect(screen.getByText('Read-only')).toBeVisible();
    for (const control of [
      save,
      screen.getByRole('button', { name: 'Duplicate' }),
      screen.getByRole('button', { name: 'Delete' }),
    ]) {
      expect(control).toBeDisabled();
      expect(control).toHaveAccessibleDescription(EDITORS_ONLY);
      expect(control).toHaveAttribute('title', EDITORS_ONLY);
    }
    // Reading stays open: the history, and the members as a file.
    expect(screen.getByRole('button', { name: 'History' })).toBeEnabled();
    expect(screen.getByRole('button', { name: 'Download CSV' })).toBeEnabled();
  });

  test('Ctrl+S after an edit sends nothing', async () => {
    const segment = await savedTwice('Lyonnais — raccourci');
    const writes = recordBuilderWrites();
    const user = userEvent.setup();
    openAs('viewer', segment);
    const name = await screen.findByRole('textbox', { name: 'Segment name' });
    await user.type(name, ' bis');
    await user.keyboard('{Control>}s{/Control}');
    await settle();
    expect(writes).toEqual([]);
    expect(screen.getByText('Unsaved changes to version 2')).toBeVisible();
  });

  test('reads the history, but restoring a version is disabled and says who may', async () => {
    const segment = await savedTwice('Lyonnais — historique');
    const writes = recordBuilderWrites();
    const user = userEvent.setup();
    openAs('viewer', segment);
    await user.click(await screen.findByRole('button', { name: 'History' }));
    const dialog = await screen.findByRole('dialog', { name: /^History of/ });
    await user.click(await within(dialog).findByRole('button', { name: /^Version 1/ }));
    const restore = within(dialog).getByRole('button', { name: 'Restore version 1' });
    expect(restore).toBeDisabled();
    expect(restore).toHaveAccessibleDescription(EDITORS_ONLY);
    await user.click(restore);
    await settle();
    expect(writes).toEqual([]);
  });
});

describe('an editor in the segment builder', () => {
  test('saves with Ctrl+S; Save, Duplicate, Delete and Restore are enabled, nothing read-only', async () => {
    const segment = await savedTwice('Lyonnais — éditeur');
    const writes = recordBuilderWrites();
    const user = userEvent.setup();
    openAs('editor', segment);
    const name = await screen.findByRole('textbox', { name: 'Segment name' });
    expect(screen.queryByText('Read-only')).toBeNull();
    for (const label of ['Save', 'Duplicate', 'Delete']) {
      const control = screen.getByRole('button', { name: label });
      expect(control).toBeEnabled();
      expect(control).not.toHaveAccessibleDescription(EDITORS_ONLY);
    }
    await user.click(screen.getByRole('button', { name: 'History' }));
    const dialog = await screen.findByRole('dialog', { name: /^History of/ });
    await user.click(await within(dialog).findByRole('button', { name: /^Version 1/ }));
    expect(within(dialog).getByRole('button', { name: 'Restore version 1' })).toBeEnabled();
    await user.keyboard('{Escape}');
    await waitFor(() => expect(screen.queryByRole('dialog')).toBeNull());

    await user.type(name, ' bis');
    await user.keyboard('{Control>}s{/Control}');
    await waitFor(() => expect(writes).toEqual([`PUT /api/segments/${segment.segment_id}`]));
  });
});

describe('the conflict panel', () => {
  function Panel({ theirs, actions }: { theirs: SavedSegment; actions: ConflictActions }) {
    const catalogue = useQuery(segmentQueries.catalogue());
    if (catalogue.data === undefined) return null;
    return (
      <ConflictPanel
        theirs={theirs}
        mine={{ name: theirs.name, definition: theirs.definition }}
        base={theirs.version - 1}
        catalogue={catalogue.data}
        segmentNames={new Map()}
        actions={actions}
        busy={false}
      />
    );
  }
  type ConflictActions = Parameters<typeof ConflictPanel>[0]['actions'];
  const actions = () => ({
    overwrite: vi.fn(),
    saveAsCopy: vi.fn(),
    takeTheirs: vi.fn(),
    dismiss: vi.fn(),
  });

  test.each([
    { who: 'a viewer', role: 'viewer', are: 'disabled and say who may', refused: true },
    { who: 'an editor', role: 'editor', are: 'enabled', refused: false },
  ] as const)(
    'for $who, its saves are $are; loading theirs stays open',
    async ({ role, refused }) => {
      const theirs = await savedTwice(`Lyonnais — conflit ${role}`);
      const spies = actions();
      const user = userEvent.setup();
      renderAt('/c', [
        {
          path: '/c',
          element: (
            <RoleProvider role={role}>
              <Panel theirs={theirs} actions={spies} />
            </RoleProvider>
          ),
        },
      ]);
      const overwrite = await screen.findByRole('button', { name: 'Save mine as version 3' });
      const copy = screen.getByRole('button', { name: 'Save mine as a new segment' });
      for (const control of [overwrite, copy]) {
        if (refused) {
          expect(control).toBeDisabled();
          expect(control).toHaveAccessibleDescription(EDITORS_ONLY);
        } else {
          expect(control).toBeEnabled();
        }
      }
      await user.click(overwrite);
      await user.click(copy);
      expect(spies.overwrite).toHaveBeenCalledTimes(refused ? 0 : 1);
      expect(spies.saveAsCopy).toHaveBeenCalledTimes(refused ? 0 : 1);
      // Loading their version changes nothing on the server: open to everyone.
      await user.click(screen.getByRole('button', { name: 'Load version 2 (mine stays in Undo)' }));
      expect(spies.takeTheirs).toHaveBeenCalledTimes(1);
    },
  );
});
