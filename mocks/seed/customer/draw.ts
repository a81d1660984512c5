// What every phase of one customer's generation reads: the world, the customer's own random
// stream, its story plan and scenes, and the person drawn.
import type { HouseholdTraits, Person } from '../person.ts';
import type { Rng } from '../random.ts';
import type { StoryPlan } from '../stories.ts';
import type { World } from '../world.ts';
import type { Scenes } from './scenes.ts';

export interface CustomerDraw {
  readonly world: World;
  /** Seeded by (seed, customer index); phases draw from it in the order they are called. */
  readonly rng: Rng;
  readonly plan: StoryPlan;
  readonly scenes: Scenes;
  readonly person: Person;
  readonly household: HouseholdTraits | null;
  /** The customer's number in every id (`0000001` in `O0000001-003`). */
  readonly num: string;
  /** Nothing happens after this instant: a minute before as-of. */
  readonly end: number;
}

export function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}
