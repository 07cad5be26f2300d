import { buildCampus } from './campus';
import { DEFAULT_DEMO_OPTIONS, SessionOptions } from './options';
import { Device, generateSessions, planDevices, Session } from './sessions';

const DAY = 86_400;
// 2026-03-02 is a Monday: 28 days = exactly four weeks of whole UTC days
const opts: SessionOptions = {
  ...DEFAULT_DEMO_OPTIONS,
  days: 28,
  endTime: new Date('2026-03-02T00:00:00Z'),
};
const campus = buildCampus(DEFAULT_DEMO_OPTIONS);
const rangeEnd = opts.endTime.getTime() / 1000;
const rangeStart = rangeEnd - opts.days * DAY;
const sessions = [...generateSessions(campus, opts)];
const devices = planDevices(campus, opts);
const kindOf = new Map(devices.map((d) => [d.mac, d.kind]));
const spaceById = new Map(campus.map((s) => [s.spaceId, s]));
const ofKind = (k: Device['kind']) => sessions.filter((s) => kindOf.get(s.mac) === k);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const dur = (s: Session) => s.end - s.start;
const text = (xs: Iterable<Session>) => {
  const rows: string[] = [];
  for (const s of xs) rows.push(`${s.mac},${s.sensorId},${s.spaceId},${s.start},${s.end}`);
  return rows.join('\n');
};

describe('generateSessions', () => {
  it('is deterministic for a seed and differs between seeds', () => {
    const expected = text(sessions);
    expect(text(generateSessions(campus, opts)) === expected).toBe(true);
    expect(text(generateSessions(campus, { ...opts, seed: opts.seed + 1 })) === expected).toBe(
      false,
    );
  });

  it('produces a demo-sized volume from the defaults', () => {
    let n = 0;
    for (const _ of generateSessions(campus, { ...DEFAULT_DEMO_OPTIONS, endTime: opts.endTime }))
      n++;
    expect(n).toBeGreaterThan(100_000);
    expect(n).toBeLessThan(400_000);
  });

  it('keeps every session inside the period with end >= start', () => {
    const outside = sessions.filter(
      (s) => !(s.end >= s.start && s.start >= rangeStart && s.end <= rangeEnd),
    );
    expect(outside).toEqual([]);
  });

  it('clips to an end time that is not on a day boundary', () => {
    const endTime = new Date('2026-03-04T13:00:00Z');
    const end = endTime.getTime() / 1000;
    const all = [...generateSessions(campus, { ...opts, days: 3, endTime })];
    expect(all.length).toBeGreaterThan(0);
    expect(all.filter((s) => !(s.start >= end - 3 * DAY && s.start < end && s.end <= end))).toEqual(
      [],
    );
    expect(all.some((s) => s.end === end)).toBe(true); // fixtures are cut at the end
  });

  it('attaches sessions only to spaces with an AP, using that AP as sensor', () => {
    const wrong = sessions.filter((s) => spaceById.get(s.spaceId)?.sensorId !== s.sensorId);
    expect(wrong).toEqual([]);
    const used = new Set(sessions.map((s) => s.spaceId));
    const rooms = campus.filter((s) => s.kind === 'room');
    expect(rooms.some((r) => !used.has(r.spaceId))).toBe(true); // storage closets stay empty
    const hallways = campus.filter((s) => s.kind === 'floor' && s.sensorId !== null);
    expect(hallways.some((f) => used.has(f.spaceId))).toBe(true);
  });

  it('is much busier on weekdays than on weekends', () => {
    const perDay = new Map<number, number>();
    for (const s of sessions)
      perDay.set(Math.floor(s.start / DAY), (perDay.get(Math.floor(s.start / DAY)) ?? 0) + 1);
    const weekday: number[] = [];
    const weekend: number[] = [];
    for (const [day, n] of perDay) {
      const dow = new Date(day * DAY * 1000).getUTCDay();
      (dow === 0 || dow === 6 ? weekend : weekday).push(n);
    }
    expect(weekday).toHaveLength(20);
    expect(weekend).toHaveLength(8);
    const avg = (xs: number[]) => xs.reduce((a, x) => a + x, 0) / xs.length;
    expect(avg(weekday)).toBeGreaterThan(3 * avg(weekend));
  });

  it('connects far more devices during the working day than at night', () => {
    const present = (hour: number) => {
      let n = 0;
      for (let day = rangeStart; day < rangeEnd; day += DAY) {
        const t0 = day + hour * 3600;
        for (const s of sessions) if (s.start < t0 + 3600 && s.end > t0) n++;
      }
      return n;
    };
    const day = [10, 14].map(present);
    const night = [2, 4].map(present);
    expect(Math.min(...night)).toBeGreaterThan(0); // fixtures stay connected
    expect(Math.min(...day)).toBeGreaterThan(5 * Math.max(...night));
  });

  it('has always-on devices with multi-hour sessions across midnight', () => {
    const fixtures = ofKind('fixture');
    expect(fixtures.length).toBeGreaterThan(0);
    expect(fixtures.some((s) => dur(s) >= DAY)).toBe(true);
    const overnight = fixtures.filter((s) => Math.floor(s.start / DAY) !== Math.floor(s.end / DAY));
    expect(overnight.length).toBeGreaterThan(0);
    // each fixture is connected most of the time
    for (const d of devices.filter((x) => x.kind === 'fixture')) {
      const covered = fixtures.filter((s) => s.mac === d.mac).reduce((a, s) => a + dur(s), 0);
      expect(covered).toBeGreaterThan(0.8 * (rangeEnd - rangeStart));
    }
  });

  it('has phones hopping between nearby APs in minutes and laptops staying for hours', () => {
    const phones = ofKind('phone');
    expect(median(phones.map(dur))).toBeLessThan(20 * 60);
    const activePhoneDays = new Set(phones.map((s) => `${s.mac}/${Math.floor(s.start / DAY)}`))
      .size;
    expect(phones.length / activePhoneDays).toBeGreaterThan(10);
    // consecutive hops of a phone mostly stay in the same building
    let same = 0;
    let pairs = 0;
    const building = (id: number) => spaceById.get(id)!.building;
    for (let i = 1; i < phones.length; i++) {
      if (phones[i].mac !== phones[i - 1].mac) continue;
      pairs++;
      if (building(phones[i].spaceId) === building(phones[i - 1].spaceId)) same++;
    }
    expect(same / pairs).toBeGreaterThan(0.8);
    const laptop = median(ofKind('laptop').map(dur));
    expect(laptop).toBeGreaterThanOrEqual(3600);
    expect(laptop).toBeLessThanOrEqual(4 * 3600);
  });

  it('includes a few zero-length sessions and some starting exactly on the hour', () => {
    const zero = sessions.filter((s) => s.end === s.start).length;
    expect(zero).toBeGreaterThan(0);
    expect(zero).toBeLessThan(sessions.length * 0.02);
    expect(sessions.some((s) => s.start % 3600 === 0 && kindOf.get(s.mac) !== 'fixture')).toBe(
      true,
    );
    expect(
      sessions.some((s) => s.start % 3600 === 0 && s.end % 3600 === 0 && s.end > s.start),
    ).toBe(true);
  });

  it('gives every device a unique MAC and a home building', () => {
    expect(new Set(devices.map((d) => d.mac)).size).toBe(devices.length);
    for (const d of devices) expect(d.mac).toMatch(/^([0-9a-f]{2}:){5}[0-9a-f]{2}$/);
    const homes = new Set(devices.map((d) => d.building));
    expect(homes.size).toBe(DEFAULT_DEMO_OPTIONS.buildings);
    expect(new Set(sessions.map((s) => s.mac)).size).toBeGreaterThan(0.9 * devices.length);
  });

  it('rejects invalid options', () => {
    expect(() => generateSessions(campus, { ...opts, days: 0 }).next()).toThrow(/days/);
    expect(() => generateSessions(campus, { ...opts, endTime: new Date('x') }).next()).toThrow(
      /endTime/,
    );
  });
});
