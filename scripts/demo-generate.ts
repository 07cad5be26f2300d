/**
 * Generates a demo TIPPERS campus into a PostgreSQL database (created if missing).
 *
 *   npm run demo:generate -- --db postgres://postgres@127.0.0.1:5432/tippers_demo \
 *     --seed 7 --buildings 6 --floors 5 --rooms 650 --devices 3600 --days 28 [--end ISO] [--replace]
 *
 * Exit codes: 0 done, 1 failed (e.g. tables exist without --replace), 2 bad arguments.
 */
import { parseArgs } from 'node:util';
import { DEFAULT_DEMO_OPTIONS, DemoCampusOptions, demoOptionErrors } from '../libs/demo-campus';
import { databaseName, ensureDatabase } from '../src/bootstrap/postgres-admin';
import { DemoCampusExistsError, writeDemoCampus } from '../src/infra/tippers-db/demo-campus.writer';

const d = DEFAULT_DEMO_OPTIONS;
const HELP = `Usage: npm run demo:generate -- --db <postgres-url> [options]

Fills a TIPPERS database (tables space, user_ap_trajectory, demo_campus_info) with a
generated campus. The database is created if it does not exist.

Options:
  --db <url>          postgres:// URL of the target database (required)
  --seed <n>          PRNG seed, 0..2147483647             (default ${d.seed})
  --buildings <n>     number of buildings                  (default ${d.buildings})
  --floors <n>        floors per building                  (default ${d.floors})
  --rooms <n>         rooms in total, spread over floors   (default ${d.rooms})
  --devices <n>       number of devices (MAC addresses)    (default ${d.devices})
  --days <n>          days of sessions                     (default ${d.days})
  --end <iso>         end of the period, e.g. 2026-11-20T00:00:00Z
                      (default: now, rounded down to the hour)
  --replace           drop existing demo/TIPPERS tables and regenerate
  -h, --help          show this help
`;

class UsageError extends Error {}

const INT = /^\d+$/;
const ISO = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function intArg(name: string, raw: string | undefined, fallback: number): number {
  if (raw === undefined) return fallback;
  if (!INT.test(raw))
    throw new UsageError(`--${name} must be a non-negative integer (got "${raw}")`);
  return Number(raw);
}

function parse(
  argv: string[],
): { help: true } | { help: false; db: string; replace: boolean; opts: DemoCampusOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        db: { type: 'string' },
        seed: { type: 'string' },
        buildings: { type: 'string' },
        floors: { type: 'string' },
        rooms: { type: 'string' },
        devices: { type: 'string' },
        days: { type: 'string' },
        end: { type: 'string' },
        replace: { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  if (values.help) return { help: true };
  if (!values.db) throw new UsageError('--db <postgres-url> is required');
  if (!/^postgres(ql)?:\/\/.+/.test(values.db)) {
    throw new UsageError('--db must be a postgres:// or postgresql:// URL');
  }
  if (!databaseName(values.db))
    throw new UsageError('--db must name a database, e.g. postgres://host/tippers_demo');
  let endTime: Date;
  if (values.end === undefined) {
    endTime = new Date(Math.floor(Date.now() / 3_600_000) * 3_600_000);
  } else {
    endTime = new Date(values.end);
    if (!ISO.test(values.end) || Number.isNaN(endTime.getTime())) {
      throw new UsageError(
        `--end must be an ISO-8601 date or date-time with Z or an offset, e.g. 2026-11-20T00:00:00Z (got "${values.end}")`,
      );
    }
  }
  const opts: DemoCampusOptions = {
    seed: intArg('seed', values.seed, d.seed),
    buildings: intArg('buildings', values.buildings, d.buildings),
    floors: intArg('floors', values.floors, d.floors),
    rooms: intArg('rooms', values.rooms, d.rooms),
    devices: intArg('devices', values.devices, d.devices),
    days: intArg('days', values.days, d.days),
    endTime,
  };
  const errors = demoOptionErrors(opts);
  if (errors.length) throw new UsageError(errors.map((m) => `--${m}`).join('\n'));
  return { help: false, db: values.db, replace: values.replace ?? false, opts };
}

async function main(): Promise<number> {
  let args: ReturnType<typeof parse>;
  try {
    args = parse(process.argv.slice(2));
  } catch (e) {
    if (!(e instanceof UsageError)) throw e;
    process.stderr.write(`demo:generate: ${e.message}\n\nRun with --help for usage.\n`);
    return 2;
  }
  if (args.help) {
    process.stdout.write(HELP);
    return 0;
  }
  const { db, replace, opts } = args;
  const name = databaseName(db);
  try {
    // the URL is not printed: it may carry a password
    if (await ensureDatabase(db, name)) process.stdout.write(`created database ${name}\n`);
    process.stdout.write(
      `generating into ${name}: seed ${opts.seed}, ${opts.buildings} buildings x ${opts.floors} floors, ` +
        `${opts.rooms} rooms, ${opts.devices} devices, ${opts.days} days to ${opts.endTime.toISOString()}\n`,
    );
    const r = await writeDemoCampus(db, { ...opts, replace });
    process.stdout.write(
      `spaces: ${r.spaceCount}\nsessions: ${r.sessionCount}\nseconds: ${r.seconds.toFixed(2)}\n` +
        `sessions/s: ${Math.round(r.sessionCount / r.seconds)}\n`,
    );
    return 0;
  } catch (e) {
    const message =
      e instanceof DemoCampusExistsError ? e.message : e instanceof Error ? e.message : String(e);
    process.stderr.write(`demo:generate failed on database ${name}: ${message}\n`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (e) => {
    process.stderr.write(`demo:generate failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exit(1);
  },
);
