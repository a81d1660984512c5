// The demo's sizes, apart from the code that generates it, so configuration files can read them.

/** The browser demo (`npm run dev`): customers generated in the page. */
export const BROWSER_DEMO_CUSTOMERS = 5_000;
/**
 * The end-to-end suite's demo, in the mocked app's page and in the real server's database alike:
 * the same stories at a size the browser generates and checks in a fraction of the time (decision
 * 023).
 */
export const E2E_DEMO_CUSTOMERS = 1_000;
/** The demo the server's demo tests run on (more planted stories than the e2e suite needs). */
export const TEST_DEMO_CUSTOMERS = 2_000;
