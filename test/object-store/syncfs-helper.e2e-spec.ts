import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { SyncfsHelper } from '../../src/infra/object-store/syncfs-helper';

/** The helper shell behind FsObjectStore.putMany's syncfs (real processes, real syncfs). */
describe('SyncfsHelper', () => {
  let dir: string;
  const helpers: SyncfsHelper[] = [];
  const helper = (d = dir) => {
    const h = new SyncfsHelper(d);
    helpers.push(h);
    return h;
  };
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'tippers-syncfs-'));
  });
  afterAll(async () => {
    helpers.forEach((h) => h.close());
    await rm(dir, { recursive: true, force: true });
  });

  it('syncs the filesystem and reuses one shell for many calls', async () => {
    const h = helper();
    expect(await h.sync()).toBe(true);
    expect(await h.sync()).toBe(true);
    expect(h.rounds).toBe(2);
    expect(h.available).toBe(true);
  });

  it('lets calls made during a sync share the next one, which starts after them', async () => {
    const h = helper();
    const first = h.sync();
    const during = Array.from({ length: 10 }, () => h.sync());
    expect(await Promise.all([first, ...during])).toEqual(Array(11).fill(true));
    // one sync for the first call, one after it for the ten that came while it ran
    expect(h.rounds).toBe(2);
  });

  it('answers false (the caller falls back) when `sync -f` fails', async () => {
    const h = helper(path.join(dir, 'no-such-directory'));
    expect(await h.sync()).toBe(false);
  });

  it('answers false from then on when there is no `sync` to run', async () => {
    const h = new SyncfsHelper(dir, 'tippers-no-such-sync-command');
    helpers.push(h);
    expect(await h.sync()).toBe(false);
    expect(h.available).toBe(false);
    expect(await h.sync()).toBe(false);
    expect(h.rounds).toBe(1);
  });

  it('answers false after close, without starting a shell', async () => {
    const h = helper();
    h.close();
    expect(await h.sync()).toBe(false);
    expect(h.rounds).toBe(0);
  });
});
