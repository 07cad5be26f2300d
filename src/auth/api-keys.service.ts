import {
  Inject,
  Injectable,
  Logger,
  NotFoundException,
  OnApplicationBootstrap,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { LRUCache } from 'lru-cache';
import { DataSource, EntityManager } from 'typeorm';
import { hashApiKey, KEY_PATTERN, KEY_PREFIX, type Role } from '../../libs/api-keys';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { NotifiedMemory } from '../infra/pg-notify/notified-memory';
import { PgListener } from '../infra/pg-notify/pg-listener.service';
import { ApiKeyEntity } from './api-key.entity';

/** Who a verified key is. */
export interface KeyIdentity {
  keyId: string;
  name: string;
  role: Role;
}

/** Sent by the api_keys trigger when keys are deleted or changed: processes forget what they verified. */
const KEYS_CHANGED_CHANNEL = 'api_keys_changed';
const FIRST_KEY_LOCK = 7_301_010;
/** Where the first start writes the generated admin key (mode 0600). */
export const ADMIN_KEY_FILE = path.join('secrets', 'admin-api-key');

/**
 * API keys: created with a role, shown once, stored as SHA-256 only. Verified keys are kept in
 * memory while this process LISTENs for deletions (a deleted key stops working at once
 * everywhere); without the LISTEN connection every request looks its key up.
 */
@Injectable()
export class ApiKeysService implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeys');
  private readonly verified = new LRUCache<string, KeyIdentity>({ max: 10_000 });
  private readonly memory = new NotifiedMemory([this.verified]);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
    private readonly listener: PgListener,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.memory.listen(this.listener, KEYS_CHANGED_CHANNEL);
    const servesHttp = this.config.appRole === 'all' || this.config.appRole === 'api';
    if (servesHttp && (this.config.auth.required || this.config.auth.adminApiKey))
      await this.ensureAdminKey();
  }

  async create(
    name: string,
    role: Role,
    m?: EntityManager,
  ): Promise<{ entity: ApiKeyEntity; key: string }> {
    const key = `${KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const repo = (m ?? this.db.manager).getRepository(ApiKeyEntity);
    const entity = await repo.save(
      repo.create({ name, role, keyHash: hashApiKey(key), keyPrefix: key.slice(0, 10) }),
    );
    return { entity, key };
  }

  /** Keys in key id order, after `afterId`. */
  list(afterId: string | undefined, limit: number): Promise<ApiKeyEntity[]> {
    const q = this.db
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .orderBy('k.key_id')
      .take(limit);
    if (afterId) q.where('k.key_id > :afterId', { afterId });
    return q.getMany();
  }

  async remove(keyId: string): Promise<void> {
    const { affected } = await this.db.getRepository(ApiKeyEntity).delete({ keyId });
    if (!affected) throw new NotFoundException(`API key ${keyId} not found`);
    this.memory.invalidate(); // here at once; elsewhere when the trigger's notification arrives
  }

  /** The key's identity, or null for a key that is malformed, unknown or deleted. */
  async verify(key: string): Promise<KeyIdentity | null> {
    if (!KEY_PATTERN.test(key)) return null;
    const hash = hashApiKey(key);
    const kept = this.memory.usable ? this.verified.get(hash) : undefined;
    if (kept) return kept;
    const readAt = this.memory.now;
    const row = await this.db.getRepository(ApiKeyEntity).findOne({ where: { keyHash: hash } });
    if (!row) return null;
    const who: KeyIdentity = { keyId: row.keyId, name: row.name, role: row.role };
    if (this.memory.mayKeep(readAt)) this.verified.set(hash, who);
    return who;
  }

  /**
   * Keys are required: ADMIN_API_KEY is created when it does not exist; with no key at all
   * and no ADMIN_API_KEY, an admin key is generated and written to DATA_DIR/secrets/
   * admin-api-key (mode 0600), and the file's path — never the key — is logged.
   */
  private async ensureAdminKey(): Promise<void> {
    await this.db.transaction(async (m) => {
      await m.query('SELECT pg_advisory_xact_lock($1)', [FIRST_KEY_LOCK]);
      const given = this.config.auth.adminApiKey;
      if (given) {
        await m.query(
          `INSERT INTO api_keys (name, role, key_hash, key_prefix) VALUES ($1, 'admin', $2, $3)
           ON CONFLICT (key_hash) DO NOTHING`,
          ['admin (ADMIN_API_KEY)', hashApiKey(given), given.slice(0, 10)],
        );
        return;
      }
      const [{ n }] = (await m.query('SELECT count(*)::int AS n FROM api_keys')) as { n: number }[];
      if (n > 0) return;
      const { key } = await this.create('admin (generated at first start)', 'admin', m);
      const file = path.join(this.config.dataDir, ADMIN_KEY_FILE);
      await fs.mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await fs.writeFile(file, `${key}\n`, { mode: 0o600, flag: 'w' });
      await fs.chmod(file, 0o600);
      this.logger.warn(
        `API keys are required (AUTH_MODE ${this.config.auth.mode}, HOST ${this.config.host}) and none existed: ` +
          `an admin key was generated and written to ${file} (mode 0600). Use it as Authorization: Bearer <key>.`,
      );
    });
  }
}
