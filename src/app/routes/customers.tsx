// Customer 360 route (list and /customers/:customerId); a placeholder until the feature lands.
import { SectionPlaceholder } from '../SectionPlaceholder.tsx';

export function CustomersRoute() {
  return (
    <SectionPlaceholder
      section="Customers"
      purpose="It will find a customer by name, email, phone or loyalty card and show the unified profile: identities, consents, scores and the cross-channel timeline."
    />
  );
}
