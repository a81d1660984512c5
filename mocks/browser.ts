// Starts the MSW worker in the browser; every /api request goes to the Hono app over the memory store.
export async function startMockApi(): Promise<void> {
  // Wired to the Hono app in the next step.
}
