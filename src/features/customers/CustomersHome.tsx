// The Customers section before a customer is chosen: the search, and what it can find.
import { Search } from 'lucide-react';
import { EmptyState } from '../../ui/EmptyState.tsx';
import { Kbd } from '../../ui/Kbd.tsx';

export function CustomersHome() {
  return (
    <EmptyState
      icon={<Search />}
      title="Find a customer"
      description={
        <>
          Search above by name, email, phone, loyalty card, app device, web cookie, social handle or
          customer id. Press <Kbd>/</Kbd> to jump to the search from anywhere.
        </>
      }
    />
  );
}
