import { assertValid, CampusOptions, campusOptionErrors } from './options';
import { Rng } from './prng';

export type SpaceKind = 'campus' | 'building' | 'floor' | 'room';

/** One row of `space`, plus what the session generator needs to know about it. */
export interface CampusSpace {
  spaceId: number;
  name: string;
  parentSpaceId: number | null;
  /** "ENG-2041" for rooms, null otherwise. */
  buildingRoom: string | null;
  kind: SpaceKind;
  /** Index of the building (0-based); -1 for the campus. */
  building: number;
  /** Floor number (1-based); 0 for the campus and buildings. */
  floor: number;
  /** Sensor id of the space's own access point; null when no session is ever attached to it. */
  sensorId: string | null;
}

const BUILDINGS: ReadonlyArray<readonly [string, string]> = [
  ['Engineering Hall', 'ENG'],
  ['Donald Bren Hall', 'DBH'],
  ['Science Library', 'SLB'],
  ['Student Center', 'STC'],
  ['Humanities Hall', 'HUM'],
  ['Physical Sciences', 'PSC'],
  ['Social Ecology', 'SEC'],
  ['Biological Sciences', 'BIO'],
  ['Arts Building', 'ART'],
  ['Administration', 'ADM'],
  ['Medical Sciences', 'MED'],
  ['Business School', 'BUS'],
];

export const CAMPUS_SPACE_ID = 1;
const CLOSET_SHARE = 0.1;
const FLOOR_AP_SHARE = 1 / 3;

function buildingName(b: number): { name: string; code: string } {
  if (b < BUILDINGS.length) return { name: BUILDINGS[b][0], code: BUILDINGS[b][1] };
  return { name: `Building ${b + 1}`, code: `B${b + 1}` };
}

/**
 * The campus tree in depth-first order (every parent before its children): the campus root,
 * then each building followed by its floors, each floor followed by its rooms. Space ids are
 * 1, 2, 3, ... in that order. Rooms are spread evenly over floors (the first floors get one
 * more when the division is not exact).
 */
export function buildCampus(opts: CampusOptions): CampusSpace[] {
  assertValid(campusOptionErrors(opts));
  const rng = new Rng(opts.seed, 1);
  const floorCount = opts.buildings * opts.floors;
  const base = Math.floor(opts.rooms / floorCount);
  const extra = opts.rooms % floorCount;
  const spaces: CampusSpace[] = [];
  let nextId = CAMPUS_SPACE_ID;
  spaces.push({
    spaceId: nextId++,
    name: 'Demo Campus',
    parentSpaceId: null,
    buildingRoom: null,
    kind: 'campus',
    building: -1,
    floor: 0,
    sensorId: null,
  });
  let floorIndex = 0;
  let floorAps = 0;
  for (let b = 0; b < opts.buildings; b++) {
    const { name, code } = buildingName(b);
    const buildingId = nextId++;
    spaces.push({
      spaceId: buildingId,
      name,
      parentSpaceId: CAMPUS_SPACE_ID,
      buildingRoom: null,
      kind: 'building',
      building: b,
      floor: 0,
      sensorId: null,
    });
    for (let f = 1; f <= opts.floors; f++, floorIndex++) {
      const floorId = nextId++;
      // make sure at least one floor of the campus has a hallway AP
      const last = floorIndex === floorCount - 1;
      const hallway = rng.chance(FLOOR_AP_SHARE) || (last && floorAps === 0);
      if (hallway) floorAps++;
      spaces.push({
        spaceId: floorId,
        name: `${name} Floor ${f}`,
        parentSpaceId: buildingId,
        buildingRoom: null,
        kind: 'floor',
        building: b,
        floor: f,
        sensorId: hallway ? `${code}-F${f}-HALL-AP` : null,
      });
      const rooms = base + (floorIndex < extra ? 1 : 0);
      for (let r = 1; r <= rooms; r++) {
        const number = String(f * 1000 + r);
        // the first room of a floor always has an AP, so every floor has somewhere to connect
        const closet = r > 1 && rng.chance(CLOSET_SHARE);
        spaces.push({
          spaceId: nextId++,
          name: closet ? `Storage ${number}` : `Room ${number}`,
          parentSpaceId: floorId,
          buildingRoom: `${code}-${number}`,
          kind: 'room',
          building: b,
          floor: f,
          sensorId: closet ? null : `${code}-${number}-AP`,
        });
      }
    }
  }
  return spaces;
}
