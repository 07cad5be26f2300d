/** Size knobs of a generated campus, their defaults and their limits. */

export interface CampusOptions {
  seed: number;
  /** Number of buildings. */
  buildings: number;
  /** Floors per building. */
  floors: number;
  /** Rooms in total across the campus, spread evenly over all floors. */
  rooms: number;
}

export interface SessionOptions {
  seed: number;
  /** Number of distinct devices (MAC addresses). */
  devices: number;
  /** Length of the generated period in days. */
  days: number;
  /** End of the generated period (exclusive); sessions are clipped to it. Whole seconds used. */
  endTime: Date;
}

export type DemoCampusOptions = CampusOptions & SessionOptions;

/** The embedded demo: small enough to load in a few seconds. */
export const DEFAULT_DEMO_OPTIONS: Readonly<Omit<DemoCampusOptions, 'endTime'>> = Object.freeze({
  seed: 42,
  buildings: 3,
  floors: 4,
  rooms: 120,
  devices: 400,
  days: 35,
});

export const LIMITS = Object.freeze({
  buildings: { min: 1, max: 200 },
  floors: { min: 1, max: 99 },
  /** per floor: room numbers are floor·1000 + 1..999 */
  roomsPerFloor: { max: 999 },
  devices: { min: 1, max: 1_000_000 },
  days: { min: 1, max: 3660 },
});

function intIn(name: string, value: number, min: number, max: number, errors: string[]): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    errors.push(`${name} must be an integer from ${min} to ${max} (got ${value})`);
  }
}

/** Seeds fit a PostgreSQL `int` (they are recorded in `demo_campus_info.seed`). */
export const MAX_SEED = 2_147_483_647;

function seedErrors(seed: number, errors: string[]): void {
  intIn('seed', seed, 0, MAX_SEED, errors);
}

/** Everything wrong with `opts`, as user-readable messages; empty when valid. */
export function campusOptionErrors(opts: CampusOptions): string[] {
  const errors: string[] = [];
  seedErrors(opts.seed, errors);
  intIn('buildings', opts.buildings, LIMITS.buildings.min, LIMITS.buildings.max, errors);
  intIn('floors', opts.floors, LIMITS.floors.min, LIMITS.floors.max, errors);
  if (errors.length === 0) {
    const floorCount = opts.buildings * opts.floors;
    const maxRooms = floorCount * LIMITS.roomsPerFloor.max;
    if (!Number.isInteger(opts.rooms) || opts.rooms < floorCount || opts.rooms > maxRooms) {
      errors.push(
        `rooms must be an integer from ${floorCount} (one per floor: buildings × floors) to ${maxRooms} (got ${opts.rooms})`,
      );
    }
  } else if (!Number.isInteger(opts.rooms) || opts.rooms < 1) {
    errors.push(`rooms must be a positive integer (got ${opts.rooms})`);
  }
  return errors;
}

export function sessionOptionErrors(opts: SessionOptions): string[] {
  const errors: string[] = [];
  seedErrors(opts.seed, errors);
  intIn('devices', opts.devices, LIMITS.devices.min, LIMITS.devices.max, errors);
  intIn('days', opts.days, LIMITS.days.min, LIMITS.days.max, errors);
  const t = opts.endTime instanceof Date ? opts.endTime.getTime() : NaN;
  if (!Number.isFinite(t) || t < Date.UTC(1990, 0, 1) || t > Date.UTC(2200, 0, 1)) {
    errors.push('endTime must be a valid date between 1990 and 2200');
  }
  return errors;
}

export function demoOptionErrors(opts: DemoCampusOptions): string[] {
  return [...new Set([...campusOptionErrors(opts), ...sessionOptionErrors(opts)])];
}

export function assertValid(errors: string[]): void {
  if (errors.length) throw new RangeError(`invalid demo campus options: ${errors.join('; ')}`);
}
