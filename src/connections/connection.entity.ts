import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryGeneratedColumn,
  Unique,
  UpdateDateColumn,
} from 'typeorm';

export const CONNECTION_TYPES = ['postgresql'] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

/** A registered database connection. The password is stored only as AES-256-GCM ciphertext. */
@Entity({ name: 'connections' })
@Unique('UQ_connections_name', ['name'])
export class ConnectionEntity {
  @PrimaryGeneratedColumn({ name: 'conn_id' })
  connId: number;

  @Column({ type: 'varchar', length: 255 })
  name: string;

  @Column({ name: 'connection_type', type: 'varchar', length: 32, default: 'postgresql' })
  connectionType: ConnectionType;

  @Column({ type: 'varchar', length: 255 })
  host: string;

  @Column({ type: 'integer' })
  port: number;

  @Column({ name: 'database', type: 'varchar', length: 255 })
  database: string;

  @Column({ name: 'username', type: 'varchar', length: 255 })
  user: string;

  /** `v1:<iv>:<tag>:<ciphertext>` (base64 parts), or null when the connection has no password. */
  @Column({ name: 'password_encrypted', type: 'text', nullable: true })
  passwordEncrypted: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
