import {
  BadRequestException,
  ConflictException,
  Inject,
  Injectable,
  InternalServerErrorException,
  NotFoundException,
} from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThan, Repository } from 'typeorm';
import { isHostAllowed } from '../../libs/host-allowlist';
import { encodeCursor } from '../../libs/page-cursor';
import { cursorPosition, Page, pageLimit, pageOf, PageQuery } from '../common/paging';
import { FOREIGN_KEY_VIOLATION, pgError, UNIQUE_VIOLATION } from '../common/pg-errors';
import { SecretBoxError } from '../../libs/secret-box';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import { ExternalSql } from '../infra/external-sql/external-sql.service';
import type {
  ConnectionTestResult,
  ExternalConnectionParams,
} from '../infra/external-sql/external-sql.types';
import { ConnectionEntity } from './connection.entity';
import type { CreateConnectionDto, UpdateConnectionDto } from './connections.dto';
import { SecretCipher } from './secret-cipher.service';

@Injectable()
export class ConnectionsService {
  constructor(
    @InjectRepository(ConnectionEntity) private readonly repo: Repository<ConnectionEntity>,
    private readonly cipher: SecretCipher,
    private readonly externalSql: ExternalSql,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  /** 400 unless CONNECTION_ALLOWED_HOSTS (when set) admits `host`. */
  private checkHost(host: string): void {
    if (!isHostAllowed(host, this.config.connectionAllowedHosts)) {
      throw new BadRequestException(
        `host "${host}" is not allowed: CONNECTION_ALLOWED_HOSTS admits ${this.config.connectionAllowedHosts!.join(', ')}`,
      );
    }
  }

  /** By conn_id, a page at a time (the list convention): the rows and the next page's cursor. */
  async list(query: PageQuery): Promise<Page<ConnectionEntity>> {
    const limit = pageLimit(query.limit);
    const [after] = cursorPosition(query.cursor, ['int'] as const) ?? [0];
    const rows = await this.repo.find({
      where: { connId: MoreThan(after) },
      order: { connId: 'ASC' },
      take: limit + 1,
    });
    return pageOf(
      rows,
      limit,
      (r) => r,
      (r) => encodeCursor([r.connId]),
    );
  }

  async get(connId: number): Promise<ConnectionEntity> {
    const found = await this.repo.findOneBy({ connId });
    if (!found) throw new NotFoundException(`connection ${connId} not found`);
    return found;
  }

  /** Name uniqueness is the database's UNIQUE constraint, so concurrent creates cannot both win. */
  async create(dto: CreateConnectionDto): Promise<ConnectionEntity> {
    this.checkHost(dto.host);
    const entity = this.repo.create({
      name: dto.name,
      connectionType: dto.connection_type ?? 'postgresql',
      host: dto.host,
      port: dto.port,
      database: dto.database,
      user: dto.user,
      passwordEncrypted: this.sealPassword(dto.password),
    });
    try {
      const { identifiers } = await this.repo.insert(entity);
      return await this.get((identifiers[0] as { connId: number }).connId);
    } catch (e) {
      throw this.translate(e, dto.name);
    }
  }

  /** Partial update (PUT and PATCH): omitted fields keep their value. */
  async update(connId: number, dto: UpdateConnectionDto): Promise<ConnectionEntity> {
    if (dto.host !== undefined) this.checkHost(dto.host);
    const changes: Partial<ConnectionEntity> = {};
    if (dto.name !== undefined) changes.name = dto.name;
    if (dto.connection_type !== undefined) changes.connectionType = dto.connection_type;
    if (dto.host !== undefined) changes.host = dto.host;
    if (dto.port !== undefined) changes.port = dto.port;
    if (dto.database !== undefined) changes.database = dto.database;
    if (dto.user !== undefined) changes.user = dto.user;
    if (dto.password !== undefined) changes.passwordEncrypted = this.sealPassword(dto.password);
    if (Object.keys(changes).length === 0) return this.get(connId);
    try {
      const { affected } = await this.repo.update({ connId }, changes);
      if (!affected) throw new NotFoundException(`connection ${connId} not found`);
    } catch (e) {
      throw this.translate(e, dto.name);
    }
    return this.get(connId);
  }

  /** Refused with 409 while any row (of any table) still references the connection. */
  async remove(connId: number): Promise<void> {
    try {
      const { affected } = await this.repo.delete({ connId });
      if (!affected) throw new NotFoundException(`connection ${connId} not found`);
    } catch (e) {
      throw this.translate(e, undefined, connId);
    }
  }

  /**
   * What ExternalSql needs to open a session on the connection, password decrypted.
   * For this module's test endpoint and for later modules running SQL on connections.
   */
  async getConnectionParams(connId: number): Promise<ExternalConnectionParams> {
    const c = await this.get(connId);
    return {
      connectionType: c.connectionType,
      host: c.host,
      port: c.port,
      database: c.database,
      user: c.user,
      password: this.openPassword(c),
    };
  }

  /** Always answers (never throws for an unreachable server); 404 only for an unknown id. */
  async test(connId: number): Promise<ConnectionTestResult> {
    let params: ExternalConnectionParams;
    try {
      params = await this.getConnectionParams(connId);
    } catch (e) {
      if (!(e instanceof InternalServerErrorException)) throw e;
      return { status: 'failed', message: e.message, latency_ms: 0, server_version: null };
    }
    // the allow-list and the resolved address are checked by ExternalSql at every use
    return this.externalSql.testConnection(params);
  }

  private sealPassword(password: string | null | undefined): string | null {
    return password ? this.cipher.encrypt(password) : null;
  }

  private openPassword(c: ConnectionEntity): string | null {
    if (c.passwordEncrypted === null) return null;
    try {
      return this.cipher.decrypt(c.passwordEncrypted);
    } catch (e) {
      if (!(e instanceof SecretBoxError)) throw e;
      throw new InternalServerErrorException(
        `the stored password of connection ${c.connId} cannot be decrypted (${e.message}); ` +
          'ENCRYPTION_KEY must be the key it was stored with, or set the password again',
      );
    }
  }

  /** Constraint violations → 409 with what conflicts; anything else is rethrown. */
  private translate(e: unknown, name?: string, connId?: number): unknown {
    const pg = pgError(e);
    if (pg?.code === UNIQUE_VIOLATION) {
      return new ConflictException(
        pg.constraint === 'UQ_connections_name' && name !== undefined
          ? `connection name "${name}" already exists; choose another name`
          : `connection conflicts with an existing one (constraint ${pg.constraint ?? 'unknown'})`,
      );
    }
    if (pg?.code === FOREIGN_KEY_VIOLATION) {
      return new ConflictException(
        `connection ${connId ?? ''} is still used by table "${pg.table ?? 'unknown'}" ` +
          `(constraint "${pg.constraint ?? 'unknown'}"); delete what uses it first`,
      );
    }
    return e;
  }
}
