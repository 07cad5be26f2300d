import { mkdtempSync, promises as fs, readlinkSync, rmSync } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { embeddedClusterDir, reachableByOthers } from './embedded-postgres.reach';

describe('embedded PostgreSQL locations', () => {
  let tmp: string;
  const logged: string[] = [];
  const log = (m: string) => logged.push(m);

  beforeEach(() => {
    tmp = mkdtempSync(path.join(os.tmpdir(), 'reach-'));
    logged.length = 0;
  });
  afterEach(() => rmSync(tmp, { recursive: true, force: true }));

  /** `home` (mode 0700, like root's) holding a clone's data directory. */
  async function closedHome(): Promise<string> {
    const home = path.join(tmp, 'home');
    await fs.mkdir(path.join(home, 'tippers', 'data'), { recursive: true });
    await fs.chmod(home, 0o700);
    await fs.chmod(path.join(home, 'tippers'), 0o755);
    return home;
  }

  it('tells whether other users can pass every directory on the way', async () => {
    await fs.chmod(tmp, 0o755);
    const open = path.join(tmp, 'open');
    await fs.mkdir(path.join(open, 'bin'), { recursive: true });
    await fs.writeFile(path.join(open, 'bin', 'postgres'), '');
    await fs.chmod(path.join(open, 'bin', 'postgres'), 0o755);
    expect(reachableByOthers(path.join(open, 'bin'), 0o1)).toBe(true);
    expect(reachableByOthers(path.join(open, 'bin', 'postgres'), 0o5)).toBe(true);

    await fs.chmod(path.join(open, 'bin', 'postgres'), 0o750);
    expect(reachableByOthers(path.join(open, 'bin', 'postgres'), 0o5)).toBe(false);
    await fs.chmod(path.join(open, 'bin', 'postgres'), 0o755);
    await fs.chmod(open, 0o700); // a directory on the way is closed
    expect(reachableByOthers(path.join(open, 'bin', 'postgres'), 0o5)).toBe(false);
    expect(reachableByOthers(path.join(tmp, 'missing'), 0o1)).toBe(false);
  });

  it('keeps the cluster in DATA_DIR/pg when the postgres user can enter DATA_DIR, or when not root', async () => {
    await fs.chmod(tmp, 0o755);
    const data = path.join(tmp, 'data');
    await fs.mkdir(data, { mode: 0o755 });
    await fs.chmod(data, 0o755);
    const shared = path.join(tmp, 'shared');
    expect(await embeddedClusterDir(data, true, log, shared)).toBe(path.join(data, 'pg'));

    const home = await closedHome();
    const closedData = path.join(home, 'tippers', 'data');
    expect(await embeddedClusterDir(closedData, false, log, shared)).toBe(
      path.join(closedData, 'pg'),
    );
    await expect(fs.stat(shared)).rejects.toThrow(); // nothing made outside DATA_DIR
  });

  it('as root under a 0700 home: a cluster directory of its own, linked from DATA_DIR/pg, found again', async () => {
    await fs.chmod(tmp, 0o755);
    const home = await closedHome();
    const data = path.join(home, 'tippers', 'data');
    const shared = path.join(tmp, 'var-lib');
    const dir = await embeddedClusterDir(data, true, log, shared);
    expect(path.dirname(path.dirname(dir))).toBe(path.join(shared, 'clusters'));
    expect(path.basename(dir)).toBe('pg');
    expect(readlinkSync(path.join(data, 'pg'))).toBe(dir);
    // the postgres user reaches the directory the cluster will be made in
    expect(reachableByOthers(path.dirname(dir), 0o1)).toBe(true);
    expect(logged.join('\n')).toContain(dir);

    // the next start finds it through the link; another data directory gets another one
    expect(await embeddedClusterDir(data, true, log, shared)).toBe(dir);
    const other = path.join(home, 'other', 'data');
    await fs.mkdir(other, { recursive: true });
    const otherDir = await embeddedClusterDir(other, true, log, shared);
    expect(otherDir).not.toBe(dir);
  });
});
