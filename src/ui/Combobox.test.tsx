import { useState } from 'react';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { expect, test, vi } from 'vitest';
import { Combobox } from './Combobox.tsx';

type Person = { id: string; name: string };
const people: Person[] = [
  { id: 'C1', name: 'Olivier Martin' },
  { id: 'C2', name: 'Camille Durand' },
  { id: 'C3', name: 'Léa Bernard' },
];

function Search({
  onSelect,
  loading = false,
}: {
  onSelect: (p: Person) => void;
  loading?: boolean;
}) {
  const [text, setText] = useState('');
  const items = text === '' ? [] : people.filter((p) => p.name.toLowerCase().includes(text));
  return (
    <Combobox
      aria-label="Search customers"
      items={items}
      getKey={(p) => p.id}
      renderItem={(p) => p.name}
      inputValue={text}
      onInputChange={setText}
      onSelect={(p) => {
        setText(p.name);
        onSelect(p);
      }}
      loading={loading}
      emptyText="No customer matches"
    />
  );
}

test('arrow keys move the active option and Enter selects it', async () => {
  const user = userEvent.setup();
  const onSelect = vi.fn();
  render(<Search onSelect={onSelect} />);
  const input = screen.getByRole('combobox', { name: 'Search customers' });
  expect(input).toHaveAttribute('aria-expanded', 'false');

  await user.type(input, 'r');
  expect(input).toHaveAttribute('aria-expanded', 'true');
  const options = screen.getAllByRole('option');
  expect(options.map((o) => o.textContent)).toEqual([
    'Olivier Martin',
    'Camille Durand',
    'Léa Bernard',
  ]);
  expect(input).not.toHaveAttribute('aria-activedescendant');

  await user.keyboard('{ArrowDown}{ArrowDown}');
  expect(input).toHaveAttribute('aria-activedescendant', options[1]?.id);
  expect(options[1]).toHaveAttribute('aria-selected', 'true');
  await user.keyboard('{ArrowUp}{ArrowUp}');
  expect(input).toHaveAttribute('aria-activedescendant', options[2]?.id);

  await user.keyboard('{Enter}');
  expect(onSelect).toHaveBeenCalledWith(people[2]);
  expect(input).toHaveValue('Léa Bernard');
  expect(input).toHaveAttribute('aria-expanded', 'false');
});

test('Escape closes the list, and a second Escape clears the text', async () => {
  const user = userEvent.setup();
  render(<Search onSelect={() => undefined} />);
  const input = screen.getByRole('combobox', { name: 'Search customers' });
  await user.type(input, 'ca');
  await user.keyboard('{ArrowDown}');
  await user.keyboard('{Escape}');
  expect(input).toHaveAttribute('aria-expanded', 'false');
  expect(input).not.toHaveAttribute('aria-activedescendant');
  expect(input).toHaveValue('ca');
  await user.keyboard('{Escape}');
  expect(input).toHaveValue('');
});

test('a click selects an option', async () => {
  const user = userEvent.setup();
  const onSelect = vi.fn();
  render(<Search onSelect={onSelect} />);
  await user.type(screen.getByRole('combobox'), 'camille');
  await user.click(screen.getByRole('option', { name: 'Camille Durand' }));
  expect(onSelect).toHaveBeenCalledWith(people[1]);
});

test('says so when nothing matches, and while searching', async () => {
  const user = userEvent.setup();
  const { rerender } = render(<Search onSelect={() => undefined} />);
  await user.type(screen.getByRole('combobox'), 'zz');
  expect(screen.getByRole('status')).toHaveTextContent('No customer matches');
  rerender(<Search onSelect={() => undefined} loading />);
  expect(screen.getByRole('status')).toHaveTextContent('Searching…');
});
