import { buildCampus, CampusSpace } from './campus';
import { CampusOptions, campusOptionErrors, DEFAULT_DEMO_OPTIONS } from './options';

const defaults: CampusOptions = { ...DEFAULT_DEMO_OPTIONS };
const ofKind = (spaces: CampusSpace[], kind: CampusSpace['kind']) =>
  spaces.filter((s) => s.kind === kind);

describe('buildCampus', () => {
  const spaces = buildCampus(defaults);
  const byId = new Map(spaces.map((s) => [s.spaceId, s]));

  it('is deterministic for a seed and differs between seeds', () => {
    expect(buildCampus(defaults)).toEqual(spaces);
    expect(buildCampus({ ...defaults, seed: defaults.seed + 1 })).not.toEqual(spaces);
  });

  it('builds one campus root with buildings, floors per building and the total number of rooms', () => {
    const roots = spaces.filter((s) => s.parentSpaceId === null);
    expect(roots).toHaveLength(1);
    expect(roots[0].kind).toBe('campus');
    expect(ofKind(spaces, 'building').length).toBeGreaterThanOrEqual(2);
    expect(ofKind(spaces, 'building')).toHaveLength(defaults.buildings);
    expect(ofKind(spaces, 'floor')).toHaveLength(defaults.buildings * defaults.floors);
    expect(ofKind(spaces, 'room').length).toBeGreaterThanOrEqual(100);
    expect(ofKind(spaces, 'room')).toHaveLength(defaults.rooms);
    expect(new Set(spaces.map((s) => s.spaceId)).size).toBe(spaces.length);
  });

  it('links every space to a parent of the level above, listed before it', () => {
    const above = { campus: null, building: 'campus', floor: 'building', room: 'floor' } as const;
    spaces.forEach((s, i) => {
      if (s.parentSpaceId === null) return;
      const parent = byId.get(s.parentSpaceId);
      expect(parent?.kind).toBe(above[s.kind]);
      expect(spaces.indexOf(parent!)).toBeLessThan(i);
    });
  });

  it('spreads rooms evenly over floors', () => {
    const counts = ofKind(spaces, 'floor').map(
      (f) => spaces.filter((s) => s.parentSpaceId === f.spaceId).length,
    );
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
    const odd = buildCampus({ ...defaults, rooms: 125 });
    const oddCounts = ofKind(odd, 'floor').map(
      (f) => odd.filter((s) => s.parentSpaceId === f.spaceId).length,
    );
    expect(oddCounts.reduce((a, n) => a + n, 0)).toBe(125);
    expect(Math.max(...oddCounts) - Math.min(...oddCounts)).toBe(1);
  });

  it('names spaces realistically and gives building_room only to rooms', () => {
    for (const s of spaces) {
      if (s.kind !== 'room') {
        expect(s.buildingRoom).toBeNull();
        continue;
      }
      const floor = byId.get(s.parentSpaceId!)!;
      const building = byId.get(floor.parentSpaceId!)!;
      expect(floor.name).toBe(`${building.name} Floor ${floor.floor}`);
      const m = /^([A-Z][A-Z0-9]*)-(\d{4})$/.exec(s.buildingRoom ?? '');
      expect(m).not.toBeNull();
      expect(s.name.endsWith(` ${m![2]}`)).toBe(true);
      expect(m![2].startsWith(String(floor.floor))).toBe(true);
    }
    expect(new Set(ofKind(spaces, 'room').map((s) => s.buildingRoom)).size).toBe(defaults.rooms);
  });

  it('gives some floors (not all) their own hallway AP', () => {
    const floors = ofKind(spaces, 'floor');
    const withAp = floors.filter((f) => f.sensorId !== null).length;
    expect(withAp).toBeGreaterThan(0);
    expect(withAp).toBeLessThan(floors.length);
  });

  it('leaves some rooms (about a tenth) without an AP, but never a whole floor', () => {
    const rooms = ofKind(spaces, 'room');
    const dark = rooms.filter((r) => r.sensorId === null).length;
    expect(dark).toBeGreaterThan(rooms.length * 0.03);
    expect(dark).toBeLessThan(rooms.length * 0.2);
    for (const f of ofKind(spaces, 'floor')) {
      expect(rooms.some((r) => r.parentSpaceId === f.spaceId && r.sensorId !== null)).toBe(true);
    }
  });

  it('rejects sizes it cannot build', () => {
    expect(() => buildCampus({ ...defaults, rooms: 5 })).toThrow(/rooms/);
    expect(campusOptionErrors({ ...defaults, buildings: 0 })).toEqual([
      expect.stringMatching(/^buildings must be/),
    ]);
    expect(campusOptionErrors({ ...defaults, floors: 1.5, seed: -1 })).toHaveLength(2);
  });
});
