import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { Client } from 'pg';
import type { ResolvedConfig } from '../../bootstrap/infrastructure';
import { APP_CONFIG } from '../../config/app-config.provider';

const RECONNECT_MS = 1000;
const CHANNEL_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** What a feature does with one channel's notifications. */
export interface ChannelHandler {
  /** A notification arrived (payload '' when the sender gave none). */
  onNotify(payload: string): void;
  /**
   * Listening started (`true`) or stopped (`false`: the connection was lost or the process is
   * shutting down). Notifications sent while not listening are lost: a feature that keeps state
   * in step with them must drop that state on every change of this flag.
   */
  onListening?(listening: boolean): void;
}

/**
 * PostgreSQL LISTEN for the whole process: one connection of its own (never a pool client),
 * opened when the first channel is subscribed, LISTENing on every subscribed channel, and
 * reconnected a second after it is lost.
 */
@Injectable()
export class PgListener implements BeforeApplicationShutdown {
  private readonly logger = new Logger('PgListener');
  private readonly handlers = new Map<string, ChannelHandler[]>();
  private client?: Client;
  /** Channels LISTENed on the current connection. */
  private readonly listened = new Set<string>();
  private connecting?: Promise<void>;
  private timer?: NodeJS.Timeout;
  private stopped = false;

  constructor(@Inject(APP_CONFIG) private readonly config: ResolvedConfig) {}

  /** Whether notifications are being received now. */
  get listening(): boolean {
    return this.client !== undefined;
  }

  /** Subscribes `handler` to `channel` (a lower-case SQL identifier); connects if needed. */
  async listen(channel: string, handler: ChannelHandler): Promise<void> {
    if (!CHANNEL_NAME.test(channel)) throw new Error(`invalid channel name "${channel}"`);
    const list = this.handlers.get(channel);
    if (list) list.push(handler);
    else this.handlers.set(channel, [handler]);
    const client = this.client;
    if (client) {
      try {
        await this.listenOn(client, channel);
        handler.onListening?.(true);
      } catch (e) {
        // the connection broke: the reconnect LISTENs on every subscribed channel, this one too
        this.logger.warn(`LISTEN ${channel} failed, reconnecting: ${String(e)}`);
        await client.end().catch(() => undefined);
      }
      return;
    }
    // the first attempt is awaited: a process that just started hears what is sent after it
    await (this.connecting ??= this.connect().finally(() => (this.connecting = undefined)));
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.setClient(undefined);
    await client?.end().catch(() => undefined);
  }

  private setClient(client: Client | undefined): void {
    const was = this.client !== undefined;
    this.client = client;
    if (was === (client !== undefined)) return;
    for (const list of this.handlers.values()) for (const h of list) h.onListening?.(!was);
  }

  private async listenOn(client: Client, channel: string): Promise<void> {
    if (this.listened.has(channel)) return;
    await client.query(`LISTEN ${channel}`);
    this.listened.add(channel);
  }

  private async connect(): Promise<void> {
    if (this.stopped || this.client) return;
    const client = new Client({
      connectionString: this.config.databaseUrl,
      application_name: 'tippers-listen',
    });
    const retry = () => {
      if (this.client === client) this.setClient(undefined);
      client.removeAllListeners();
      client.on('error', () => undefined);
      void client.end().catch(() => undefined);
      if (this.stopped || this.timer) return;
      this.timer = setTimeout(() => {
        this.timer = undefined;
        void (this.connecting ??= this.connect().finally(() => (this.connecting = undefined)));
      }, RECONNECT_MS);
      this.timer.unref();
    };
    client.on('error', (e) => {
      if (!this.stopped) this.logger.warn(`LISTEN connection lost: ${e.message}`);
      retry();
    });
    client.on('end', retry);
    client.on('notification', (n) => {
      for (const h of this.handlers.get(n.channel) ?? []) h.onNotify(n.payload ?? '');
    });
    try {
      await client.connect();
      this.listened.clear();
      // channels subscribed while this loop awaits are taken in the next pass
      for (;;) {
        const todo = [...this.handlers.keys()].filter((c) => !this.listened.has(c));
        if (!todo.length) break;
        for (const channel of todo) await this.listenOn(client, channel);
      }
      if (this.stopped) throw new Error('shutting down');
      this.setClient(client);
    } catch (e) {
      if (!this.stopped) this.logger.warn(`LISTEN connection could not be opened: ${String(e)}`);
      retry();
    }
  }
}
