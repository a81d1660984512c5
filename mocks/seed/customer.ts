// One customer's whole history, from a PRNG seeded by (seed, customer index): profile, identities,
// consents, preferences, orders, messages, offer responses and events, plus the stories planted in
// it and its data-quality faults. Each phase is a function in customer/; they draw from the
// customer's random stream in the order `generateCustomer` lists them.
import type { Trial } from './contacts.ts';
import type { FaultKind, Faults } from './faults.ts';
import { NO_FAULTS, drawFaults, faultKinds } from './faults.ts';
import type { PlantedStory } from './manifest.ts';
import { drawPerson, householdTraits } from './person.ts';
import type { HouseholdTraits, Person } from './person.ts';
import { Rng, hashInts } from './random.ts';
import { inStory, planStories } from './stories.ts';
import type { StoryPlan } from './stories.ts';
import { MINUTE } from './time.ts';
import type { World } from './world.ts';
import { consentsOf, preferencesOf } from './customer/consents.ts';
import { pad, type CustomerDraw } from './customer/draw.ts';
import { eventsOf } from './customer/events.ts';
import { applyExperiments, type ExperimentTarget } from './customer/experiments.ts';
import { firstSeen, identitiesOf } from './customer/identities.ts';
import { messagesOf, responsesOf } from './customer/messages.ts';
import { ordersOf } from './customer/orders.ts';
import { writeRows, type CustomerRows } from './customer/rows.ts';
import { setScenes, type Scenes } from './customer/scenes.ts';
import { plantedStories } from './customer/stories.ts';

export { emptyCustomerRows, type CustomerRows } from './customer/rows.ts';

export interface CustomerOutcome {
  stories: PlantedStory[];
  faults: FaultKind[];
  /** The planted experiments that targeted the customer, and what each assignment changed. */
  experiments: ExperimentTarget[];
}

export function generateCustomer(
  world: World,
  index: number,
  total: number,
  out: CustomerRows,
): CustomerOutcome {
  const rng = new Rng(hashInts(world.seed, index, 0xc057));
  const plan = planStories(world.seed, index, total);
  const household = plan.household ? householdTraits(world, plan.household) : null;
  const special = plan.showcase || plan.xss || plan.noHistory || plan.heavy;
  const faults = special ? NO_FAULTS : sparedFaults(plan, drawFaults(rng));
  const scenes = setScenes(world, rng, plan);
  const person = personOf(world, rng, index, { plan, scenes, faults, household });
  const draw: CustomerDraw = {
    world,
    rng,
    plan,
    scenes,
    person,
    household,
    num: pad(index + 1, 7),
    end: world.asOfMs - MINUTE,
  };

  const seen = firstSeen(draw);
  const consents = consentsOf(draw, seen);
  const orders = ordersOf(draw);
  // Experiments draw from their own stream, so the rest of the customer is drawn as before them.
  const trial: Trial | null = inStory(plan)
    ? null
    : { rng: new Rng(hashInts(world.seed, index, 0xe4e1)), assignments: [] };
  const messages = messagesOf(draw, consents.drafts, seen, trial);
  const experiments = trial
    ? applyExperiments(draw, trial.rng, orders.drafts, trial.assignments)
    : { targets: [], holdouts: [] };
  const responses = responsesOf(draw, orders, messages);
  const events = eventsOf(draw, orders.drafts, messages, seen);
  const identities = identitiesOf(draw, { orders: orders.drafts, events, seen });
  const preferences = preferencesOf(draw, consents.drafts);

  writeRows(out, draw, {
    consents: consents.drafts,
    orders: orders.drafts,
    messages,
    responses: responses.drafts,
    events,
    identities,
    preferences,
    holdouts: experiments.holdouts,
  });
  const stories = plantedStories(draw, { consents, orders, messages, responses, events });
  return { stories, faults: faultKinds(faults), experiments: experiments.targets };
}

/** Planted stories need a reachable customer: their e-mail (and phone) are spared faults. */
function sparedFaults(plan: StoryPlan, faults: Faults): Faults {
  let out = faults;
  if (plan.pressure) out = { ...out, email: null, missingPhone: false };
  if (plan.offerBeforeEmail || plan.emailWithdrawn) out = { ...out, email: null };
  return out;
}

interface PersonSetup {
  plan: StoryPlan;
  scenes: Scenes;
  faults: Faults;
  household: HouseholdTraits | null;
}

/** The person, drawn to fit the scenes planted in their history. */
function personOf(
  world: World,
  rng: Rng,
  index: number,
  { plan, scenes, faults, household }: PersonSetup,
): Person {
  const person = drawPerson(world, rng, {
    index,
    faults,
    household,
    xss: plan.xss,
    showcase: plan.showcase,
    createdBefore: scenes.createdBefore,
    needsCard:
      scenes.boxSet?.channel === 'store' || plan.showcase || scenes.boxSetDeclined !== null,
    needsApp: household !== null || plan.pressure || scenes.boxSet?.channel === 'app',
  });
  if (scenes.game) person.console = scenes.game.console.sku;
  if (plan.heavy) person.usesWeb = true;
  return person;
}
