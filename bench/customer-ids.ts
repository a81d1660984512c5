// Customer ids spread over a file of `customers` by a multiplicative step, so that no two clients
// of a load read in step (and the pages read are not all hot).
export function spreadCustomerIds(customers: number): () => string {
  let next = 0;
  return () => {
    next += 1;
    const n = 1 + ((next * 7_919 * 131) % customers);
    return `C${String(n).padStart(7, '0')}`;
  };
}
