import { ChildProcessByStdio, spawn } from 'node:child_process';
import type { Readable, Writable } from 'node:stream';
import type { Socket } from 'node:net';
import { createInterface } from 'node:readline';

/** `$0` is the sync command; each input line a directory; answers `ok` / `fail` per line. */
const SCRIPT =
  'command -v "$0" >/dev/null || exit 3; ' +
  'while IFS= read -r d; do if "$0" -f "$d"; then echo ok; else echo fail; fi; done';

/**
 * syncfs(2) for Node, which has none: one long-lived `/bin/sh` runs coreutils `sync -f <dir>`
 * for each request line and answers `ok` or `fail`.
 *
 * Why a helper process: spawning `sync` from Node forks the whole Node process, which blocks
 * its event loop ~12 ms each time (page tables of a large heap); a profile of occupancy runs
 * had that as a top item. The small shell forks instead.
 *
 * Calls are coalesced: a call made while a sync is running waits for the next one (whose
 * start follows the call, so it covers everything written before the call); every call made
 * meanwhile shares that next sync.
 */
export class SyncfsHelper {
  private child?: ChildProcessByStdio<Writable, Readable, null>;
  private replies: ((ok: boolean) => void)[] = [];
  private running?: Promise<boolean>;
  private next?: Promise<boolean>;
  private broken = false;
  /** syncfs calls the helper made so far (concurrent sync() calls share them). */
  rounds = 0;

  /**
   * @param dir a directory on the filesystem to sync (no newline in it)
   * @param command coreutils `sync` (a name looked up on PATH, or a path)
   */
  constructor(
    private readonly dir: string,
    private readonly command = 'sync',
  ) {
    if (dir.includes('\n') || process.platform !== 'linux') this.broken = true;
  }

  /** False once syncfs cannot be done here (no shell, no `sync`, not Linux): fall back. */
  get available(): boolean {
    return !this.broken;
  }

  /** Resolves true once a syncfs that started after this call has succeeded. */
  sync(): Promise<boolean> {
    if (this.broken) return Promise.resolve(false);
    if (!this.running) {
      this.running = this.round().finally(() => {
        this.running = undefined;
      });
      return this.running;
    }
    this.next ??= this.running.then(() => {
      this.next = undefined;
      return this.sync();
    });
    return this.next;
  }

  /** Ends the helper (its shell exits when its input closes). Idempotent. */
  close(): void {
    this.broken = true;
    this.child?.stdin.end();
    this.child = undefined;
    for (const reply of this.replies.splice(0)) reply(false);
  }

  private round(): Promise<boolean> {
    return new Promise<boolean>((resolve) => {
      const child = this.start();
      if (!child) return resolve(false);
      this.rounds++;
      this.replies.push(resolve);
      child.stdin.write(`${this.dir}\n`);
    });
  }

  private start(): ChildProcessByStdio<Writable, Readable, null> | undefined {
    if (this.child) return this.child;
    try {
      // no `sync` at all: the shell exits at once and the helper is marked broken
      const child = spawn('/bin/sh', ['-c', SCRIPT, this.command], {
        stdio: ['pipe', 'pipe', 'ignore'],
      });
      // an idle helper must not keep the process alive
      child.unref();
      (child.stdin as unknown as Socket).unref();
      (child.stdout as unknown as Socket).unref();
      // a `fail` (sync -f exited non-zero) fails this call only: the caller falls back
      createInterface({ input: child.stdout }).on('line', (line) =>
        this.replies.shift()?.(line === 'ok'),
      );
      const fail = () => {
        this.broken = true;
        this.child = undefined;
        for (const reply of this.replies.splice(0)) reply(false);
      };
      child.on('error', fail);
      child.on('exit', fail);
      child.stdin.on('error', fail);
      this.child = child;
      return child;
    } catch {
      this.broken = true;
      return undefined;
    }
  }
}
