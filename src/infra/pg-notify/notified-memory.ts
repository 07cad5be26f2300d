import type { PgListener } from './pg-listener.service';

/**
 * Memory kept valid by a NOTIFY channel: every notification, and every start or loss of
 * listening, clears the given caches; while not listening nothing may be used or kept; and a
 * value read while a notification arrived is not kept (take `now` before the read, ask
 * `mayKeep` after it). So what is kept is at most as old as the last notification still on its
 * way.
 */
export class NotifiedMemory {
  private generation = 0;
  private listening = false;

  constructor(private readonly caches: readonly { clear(): void }[]) {}

  listen(listener: PgListener, channel: string): Promise<void> {
    return listener.listen(channel, {
      onNotify: () => this.invalidate(),
      onListening: (on) => {
        this.listening = on;
        this.invalidate();
      },
    });
  }

  /** Whether kept values may be used now. */
  get usable(): boolean {
    return this.listening;
  }

  /** Taken before a read whose result may be kept. */
  get now(): number {
    return this.generation;
  }

  /** Whether a value read when `now` was `readAt` may be kept. */
  mayKeep(readAt: number): boolean {
    return this.listening && readAt === this.generation;
  }

  /** Clears the caches (a change known here before its notification arrives). */
  invalidate(): void {
    this.generation++;
    for (const c of this.caches) c.clear();
  }
}
