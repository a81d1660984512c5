// The sample customers both halves of the development-only kitchen sink show.
export const people = [
  {
    id: 'C-1042',
    name: 'Olivier Martin',
    email: 'olivier.martin@example.fr',
    clv: 1284.5,
    orders: 23,
  },
  { id: 'C-2210', name: 'Camille Durand', email: 'camille.d@example.fr', clv: 312.0, orders: 4 },
  { id: 'C-3307', name: 'Léa Bernard', email: 'lea.bernard@example.com', clv: 96.9, orders: 1 },
  { id: 'C-4420', name: 'Hugo Petit', email: 'hugo.petit@example.fr', clv: 2210.75, orders: 41 },
];
