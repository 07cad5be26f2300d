/**
 * Demo campus generator for the TIPPERS schema (`space`, `user_ap_trajectory`). Pure: no I/O,
 * no Nest; the database side is src/infra/tippers-db/demo-campus.writer.ts.
 *
 * Decisions:
 * - `rooms` is the TOTAL across the campus, spread evenly over buildings × floors (the first
 *   floors get one more when it does not divide); every floor has at least one room.
 * - Space ids are 1, 2, 3, ... in depth-first order (campus = 1), so a parent always precedes
 *   its children. Room numbers are floor·1000 + n ("Room 2041", building_room "ENG-2041").
 * - About 1/3 of floors carry a hallway AP (sessions on the floor's own space_id, next to its
 *   rooms' sessions); about 10% of rooms are storage closets with no AP and never a session
 *   (the first room of a floor is never a closet, so every floor has somewhere to connect).
 * - Session times are whole Unix seconds (UTC). The period is [endTime − days·86400, endTime);
 *   sessions starting outside it are dropped and ends are clipped to endTime. Days are UTC days;
 *   the diurnal and weekly patterns are in UTC.
 * - Devices: ~64% phones (short hops of minutes between nearby APs, dozens a day), ~32%
 *   laptops (1–3 sessions of 1–4 h), ~4% fixtures (printers/IoT: 6–72 h sessions, across
 *   midnight; device 0 is always one). Each has a home building (some buildings busier) and
 *   floor. A few zero-length sessions and sessions on hour edges are included on purpose.
 * - Generation is day by day, device by device, from one seeded PRNG stream per purpose, so the
 *   output is a pure function of (campus options, session options). MACs are unique (a
 *   bijection of the device index on the low 24 bits).
 * - Sessions are yielded as small objects with interned strings: the cost is dominated by the
 *   database load, not by generation (see the writer's streaming COPY).
 */
export * from './options';
export * from './prng';
export * from './campus';
export * from './sessions';
export * from './utc-text';
