import { CampusSpace } from './campus';
import { assertValid, SessionOptions, sessionOptionErrors } from './options';
import { mix32, Rng } from './prng';

/** One WiFi session (a row of `user_ap_trajectory`). Times are Unix seconds, UTC. */
export interface Session {
  mac: string;
  sensorId: string;
  spaceId: number;
  start: number;
  end: number;
}

export type DeviceKind = 'phone' | 'laptop' | 'fixture';

interface Ap {
  spaceId: number;
  sensorId: string;
}

interface Floor {
  building: number;
  aps: Ap[];
  /** Room APs only (laptops and fixtures sit in rooms; hallway APs are for passers-by). */
  rooms: Ap[];
}

export interface Device {
  mac: string;
  kind: DeviceKind;
  building: number;
  /** Index into the campus' floors (depth-first order). */
  homeFloor: number;
  /** Where a laptop usually works, or where a fixture is installed. */
  home: Ap;
}

interface DeviceState extends Device {
  floor: number;
  busyUntil: number;
}

const DAY = 86_400;
const HOUR = 3_600;
const MIN = 60;
const FIXTURE_SHARE = 0.04;
const LAPTOP_SHARE = 0.32;
const MAC_PREFIXES = ['3c:22:fb', 'a4:83:e7', 'f0:18:98', '28:6c:07', 'dc:a6:32', '74:da:38'];
const FIXTURE_PREFIXES = ['b8:27:eb', '00:1b:a9', '64:16:66'];

function indexFloors(campus: readonly CampusSpace[]): { floors: Floor[]; byBuilding: number[][] } {
  const floors: Floor[] = [];
  const floorOf = new Map<number, Floor>();
  const byBuilding: number[][] = [];
  for (const s of campus) {
    if (s.kind === 'floor') {
      const f: Floor = { building: s.building, aps: [], rooms: [] };
      if (s.sensorId) f.aps.push({ spaceId: s.spaceId, sensorId: s.sensorId });
      floorOf.set(s.spaceId, f);
      (byBuilding[s.building] ??= []).push(floors.length);
      floors.push(f);
    } else if (s.kind === 'room' && s.sensorId && s.parentSpaceId !== null) {
      const f = floorOf.get(s.parentSpaceId);
      if (!f) throw new Error(`room ${s.spaceId} comes before its floor ${s.parentSpaceId}`);
      const ap = { spaceId: s.spaceId, sensorId: s.sensorId };
      f.aps.push(ap);
      f.rooms.push(ap);
    }
  }
  const usable = floors.filter((f) => f.rooms.length > 0);
  if (usable.length === 0) throw new Error('the campus has no room with an access point');
  return { floors, byBuilding: byBuilding.map((fs) => fs.filter((i) => floors[i].rooms.length)) };
}

function formatMac(prefix: string, low24: number): string {
  const hex = (low24 >>> 0).toString(16).padStart(6, '0');
  return `${prefix}:${hex.slice(0, 2)}:${hex.slice(2, 4)}:${hex.slice(4, 6)}`;
}

/** The devices of a campus: kind, home building/floor and a unique MAC address each. */
export function planDevices(campus: readonly CampusSpace[], opts: SessionOptions): Device[] {
  const { floors, byBuilding } = indexFloors(campus);
  const buildings = byBuilding.map((fs, b) => ({ b, fs })).filter((x) => x.fs.length > 0);
  // some buildings are busier than others
  const weights = buildings.map((_, i) => 1 / (1 + 0.35 * i));
  const total = weights.reduce((a, w) => a + w, 0);
  const rng = new Rng(opts.seed, 2);
  const salt = mix32(opts.seed ^ 0x5eed);
  const devices: Device[] = [];
  for (let i = 0; i < opts.devices; i++) {
    const r = rng.next();
    // device 0 is always a fixture so that even tiny demos have an always-on device
    const kind: DeviceKind =
      i === 0 || r < FIXTURE_SHARE
        ? 'fixture'
        : r < FIXTURE_SHARE + LAPTOP_SHARE
          ? 'laptop'
          : 'phone';
    let x = rng.next() * total;
    let bi = 0;
    while (bi < buildings.length - 1 && (x -= weights[bi]) > 0) bi++;
    const { b, fs } = buildings[bi];
    const homeFloor = rng.pick(fs);
    const home =
      kind === 'fixture' ? rng.pick(floors[homeFloor].aps) : rng.pick(floors[homeFloor].rooms);
    const prefix = rng.pick(kind === 'fixture' ? FIXTURE_PREFIXES : MAC_PREFIXES);
    // odd multiplier: a bijection on 24 bits, so MACs are unique for up to 2^24 devices
    const low = (salt + Math.imul(i, 0x9e3779b1)) & 0xffffff;
    devices.push({ mac: formatMac(prefix, low), kind, building: b, homeFloor, home });
  }
  return devices;
}

function clamp(x: number, lo: number, hi: number): number {
  return x < lo ? lo : x > hi ? hi : x;
}

/**
 * Sessions over `days` days ending at `endTime`: day by day (UTC), device by device. Every
 * session has `start >= endTime - days·86400`, `start <= end <= endTime`. Deterministic for a
 * given campus and options.
 */
export function* generateSessions(
  campus: readonly CampusSpace[],
  opts: SessionOptions,
): Generator<Session, void, undefined> {
  assertValid(sessionOptionErrors(opts));
  const { floors, byBuilding } = indexFloors(campus);
  const buildingFloors = byBuilding.filter((fs) => fs.length > 0);
  const rng = new Rng(opts.seed, 3);
  const rangeEnd = Math.floor(opts.endTime.getTime() / 1000);
  const rangeStart = rangeEnd - opts.days * DAY;
  const devices: DeviceState[] = planDevices(campus, opts).map((d) => ({
    ...d,
    floor: d.homeFloor,
    busyUntil: d.kind === 'fixture' ? rangeStart + rng.int(HOUR) : rangeStart,
  }));
  let batch: Session[] = [];
  const emit = (d: DeviceState, ap: Ap, start: number, end: number): void => {
    if (start < rangeStart || start >= rangeEnd) return;
    batch.push({
      mac: d.mac,
      sensorId: ap.sensorId,
      spaceId: ap.spaceId,
      start,
      end: Math.min(end, rangeEnd),
    });
  };

  const hop = (d: DeviceState, ap: Ap): Ap => {
    const r = rng.next();
    if (r < 0.3) return ap; // re-associates with the same AP
    if (r < 0.42) {
      const fs = byBuilding[floors[d.floor].building]; // a floor up or down
      const at = fs.indexOf(d.floor);
      d.floor = fs[clamp(at + (rng.chance(0.5) ? 1 : -1), 0, fs.length - 1)];
    } else if (r < 0.45) {
      d.floor = rng.pick(rng.pick(buildingFloors)); // another building
    } else if (r < 0.55) {
      d.floor = d.homeFloor;
    }
    return rng.pick(floors[d.floor].aps);
  };

  const phoneBlock = (d: DeviceState, from: number, until: number): void => {
    let t = Math.max(from, d.busyUntil);
    let ap = rng.pick(floors[d.floor].aps);
    while (t < until) {
      // a small share starts exactly on an hour edge, as real controller exports do
      if (rng.chance(0.02)) t = Math.ceil(t / HOUR) * HOUR;
      const dur = rng.chance(0.005) ? 0 : Math.round(MIN + rng.exponential(7 * MIN));
      emit(d, ap, t, t + dur);
      t += dur;
      const g = rng.next();
      t += g < 0.35 ? 0 : g < 0.93 ? rng.between(30, 12 * MIN) : rng.between(30 * MIN, 90 * MIN);
      ap = hop(d, ap);
    }
    d.busyUntil = t;
  };

  const phoneDay = (d: DeviceState, day0: number, weekend: boolean): void => {
    d.floor = d.homeFloor;
    if (rng.chance(weekend ? 0.15 : 0.82)) {
      const arrive = weekend
        ? 10.5 * HOUR + rng.normal() * 1.5 * HOUR
        : 8.25 * HOUR + rng.normal() * 0.9 * HOUR;
      const stay = weekend
        ? HOUR + rng.exponential(1.5 * HOUR)
        : 6.5 * HOUR + rng.normal() * 1.2 * HOUR;
      const from = day0 + Math.round(clamp(arrive, 5.5 * HOUR, 14 * HOUR));
      phoneBlock(d, from, from + Math.round(clamp(stay, 20 * MIN, 11 * HOUR)));
    }
    // evenings (study groups, events); some run past midnight
    if (rng.chance(weekend ? 0.04 : 0.08)) {
      const from = day0 + 19 * HOUR + rng.int(4 * HOUR);
      phoneBlock(d, from, from + rng.between(20 * MIN, 3 * HOUR));
    }
  };

  const laptopDay = (d: DeviceState, day0: number, weekend: boolean): void => {
    if (!rng.chance(weekend ? 0.1 : 0.72)) return;
    const arrive = (weekend ? 11 * HOUR : 8.75 * HOUR) + rng.normal() * HOUR;
    let t = Math.max(d.busyUntil, day0 + Math.round(clamp(arrive, 6 * HOUR, 15 * HOUR)));
    const n = rng.between(1, weekend ? 2 : 3);
    for (let i = 0; i < n && t < day0 + 21 * HOUR; i++) {
      const ap = rng.chance(0.65)
        ? d.home
        : rng.pick(floors[rng.pick(byBuilding[d.building])].rooms);
      let dur = rng.between(60, 240) * MIN + rng.int(MIN);
      if (rng.chance(0.05)) {
        t = Math.ceil(t / HOUR) * HOUR; // whole-hour booking
        dur = rng.between(1, 4) * HOUR;
      }
      emit(d, ap, t, t + dur);
      t += dur + rng.between(10, 90) * MIN;
    }
    d.busyUntil = t;
  };

  const fixtureUntil = (d: DeviceState, dayEnd: number): void => {
    while (d.busyUntil < dayEnd) {
      let start = d.busyUntil;
      let dur: number;
      const r = rng.next();
      if (r < 0.02)
        dur = 0; // a reconnect blip
      else if (r < 0.4) {
        start = Math.ceil(start / HOUR) * HOUR; // controller rotating the session on the hour
        dur = rng.between(6, 72) * HOUR;
      } else dur = rng.between(8 * HOUR, 60 * HOUR);
      emit(d, d.home, start, start + dur);
      d.busyUntil = start + dur + (rng.chance(0.5) ? 0 : rng.between(5, 600));
    }
  };

  const firstDay = Math.floor(rangeStart / DAY);
  const lastDay = Math.floor((rangeEnd - 1) / DAY);
  for (let day = firstDay; day <= lastDay; day++) {
    const day0 = day * DAY;
    const dow = (day + 4) % 7; // 1970-01-01 was a Thursday; 0 = Sunday
    const weekend = dow === 0 || dow === 6;
    for (const d of devices) {
      if (d.kind === 'phone') phoneDay(d, day0, weekend);
      else if (d.kind === 'laptop') laptopDay(d, day0, weekend);
      else fixtureUntil(d, day0 + DAY);
    }
    const out = batch;
    batch = [];
    yield* out;
  }
}
