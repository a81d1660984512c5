// Which customers carry a planted story. Decided from (seed, customer index) alone, so a customer
// is the same whatever the dataset's size; the first dozen indices carry one of each story so even
// a small dataset has them all.
import { Rng, hashInts } from './random.ts';

/** Share of customers planted with each repeatable story (shared_device: share of customers in a pair). */
export const STORY_RATES = {
  promoted_box_set_in_store: 0.004,
  promoted_box_set_online: 0.003,
  game_buyer_owns_console: 0.02,
  offer_accepted_before_email: 0.005,
  contact_pressure: 0.002,
  email_consent_withdrawn: 0.08,
  shared_device: 0.005,
  box_set_declined_in_store: 0.006,
} as const;

/** The one-off stories' customers, by index (C0000001 is index 0). */
export const SHOWCASE_INDEX = 0;
export const XSS_INDEX = 1;
export const NO_HISTORY_INDEX = 2;
export const HEAVY_HISTORY_INDEX = 3;
const FORCED: Readonly<Record<number, Partial<StoryPlan>>> = {
  4: { boxSet: 'store' },
  5: { boxSet: 'online' },
  6: { gameConsole: true },
  7: { offerBeforeEmail: true },
  8: { pressure: true },
  9: { emailWithdrawn: true },
};
/** Customers 10 and 11 share a device; random pairs start after. */
const FORCED_HOUSEHOLD_PAIR = 5;
const FIRST_RANDOM_INDEX = 12;

export const XSS_FIRST_NAME = '<img src=x onerror=alert(1)>';
/** How many events the heavy-history customer has at least. */
export const HEAVY_HISTORY_MIN_EVENTS = 5_000;

export interface Household {
  /** Index of the other profile. */
  partner: number;
  /** Pair number: both profiles derive the shared device, last name and city from it. */
  pair: number;
}

export interface StoryPlan {
  showcase: boolean;
  xss: boolean;
  noHistory: boolean;
  heavy: boolean;
  boxSet: 'store' | 'online' | null;
  gameConsole: boolean;
  offerBeforeEmail: boolean;
  pressure: boolean;
  emailWithdrawn: boolean;
  /** Offered the box set at the till weeks ago, while buying a film, and declined it. */
  boxSetDeclined: boolean;
  household: Household | null;
}

const NONE: StoryPlan = {
  showcase: false,
  xss: false,
  noHistory: false,
  heavy: false,
  boxSet: null,
  gameConsole: false,
  offerBeforeEmail: false,
  pressure: false,
  emailWithdrawn: false,
  boxSetDeclined: false,
  household: null,
};

/** Whether the customer plays a part in a planted story (their history is the story's). */
export function inStory(plan: StoryPlan): boolean {
  return (
    plan.showcase ||
    plan.xss ||
    plan.noHistory ||
    plan.heavy ||
    plan.boxSet !== null ||
    plan.gameConsole ||
    plan.offerBeforeEmail ||
    plan.pressure ||
    plan.emailWithdrawn ||
    plan.boxSetDeclined ||
    plan.household !== null
  );
}

function householdOf(seed: number, index: number, total: number): Household | null {
  const pair = Math.floor(index / 2);
  const partner = index % 2 === 0 ? index + 1 : index - 1;
  if (partner >= total) return null;
  if (pair === FORCED_HOUSEHOLD_PAIR) return { partner, pair };
  if (index < FIRST_RANDOM_INDEX) return null;
  const draw = new Rng(hashInts(seed, pair, 0x40a5e)).next();
  return draw < STORY_RATES.shared_device ? { partner, pair } : null;
}

export function planStories(seed: number, index: number, total: number): StoryPlan {
  const household = householdOf(seed, index, total);
  switch (index) {
    case SHOWCASE_INDEX:
      return { ...NONE, showcase: true, boxSet: 'store', emailWithdrawn: true };
    case XSS_INDEX:
      return { ...NONE, xss: true };
    case NO_HISTORY_INDEX:
      return { ...NONE, noHistory: true };
    case HEAVY_HISTORY_INDEX:
      return { ...NONE, heavy: true };
  }
  const forced = FORCED[index];
  if (forced) return { ...NONE, ...forced, household };
  if (index < FIRST_RANDOM_INDEX) return { ...NONE, household };
  const rng = new Rng(hashInts(seed, index, 0x5701e5));
  const box = rng.next();
  const boxSet =
    box < STORY_RATES.promoted_box_set_in_store
      ? 'store'
      : box < STORY_RATES.promoted_box_set_in_store + STORY_RATES.promoted_box_set_online
        ? 'online'
        : null;
  const gameConsole = rng.chance(STORY_RATES.game_buyer_owns_console);
  const offerBeforeEmail = rng.chance(STORY_RATES.offer_accepted_before_email);
  const pressure = rng.chance(STORY_RATES.contact_pressure);
  const emailWithdrawn = rng.chance(STORY_RATES.email_consent_withdrawn);
  // Drawn last, so adding it moved no other story; one who bought the box set declined nothing.
  const declined = rng.chance(STORY_RATES.box_set_declined_in_store);
  return {
    ...NONE,
    boxSet,
    gameConsole,
    offerBeforeEmail,
    pressure,
    emailWithdrawn,
    boxSetDeclined: declined && boxSet === null,
    household,
  };
}
