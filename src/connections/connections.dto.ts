import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { CONNECTION_TYPES, ConnectionEntity, ConnectionType } from './connection.entity';
import {
  IsBoundedText,
  IsPort,
  IsSecret,
  IsSupportedType,
  Presence,
  Trim,
} from '../common/field.validators';

const MAX_TEXT = 255;
const MAX_PASSWORD = 1024;
const HOST = {
  // host names, IPv4 and IPv6 addresses; no spaces, no '/' (unix sockets of this server)
  regex: /^[A-Za-z0-9._%:[\]-]+$/,
  rule: "a host name or IP address: letters, digits, '.', '-', '_', ':'; no spaces",
};

const DOC = {
  name: {
    description: 'Unique name (trimmed), 1..255 characters',
    example: 'tippers-prod',
    maxLength: 255,
  },
  connection_type: {
    description: 'Database engine; only "postgresql" is supported for now',
    enum: CONNECTION_TYPES,
    example: 'postgresql',
  },
  host: {
    description: 'Host name or IP address, no spaces',
    example: 'db.example.org',
    maxLength: 255,
  },
  port: { description: 'TCP port', type: 'integer', minimum: 1, maximum: 65535, example: 5432 },
  database: { description: 'Database name', example: 'tippers', maxLength: 255 },
  user: { description: 'User name', example: 'readonly_user', maxLength: 255 },
} as const;

export class CreateConnectionDto {
  @ApiProperty(DOC.name)
  @Presence(false)
  @Trim()
  @IsBoundedText(MAX_TEXT)
  name: string;

  @ApiPropertyOptional({ ...DOC.connection_type, default: 'postgresql' })
  @IsSupportedType(CONNECTION_TYPES)
  connection_type?: ConnectionType;

  @ApiProperty(DOC.host)
  @Presence(false)
  @IsBoundedText(MAX_TEXT, HOST)
  host: string;

  @ApiProperty(DOC.port)
  @Presence(false)
  @IsPort()
  port: number;

  @ApiProperty(DOC.database)
  @Presence(false)
  @IsBoundedText(MAX_TEXT)
  database: string;

  @ApiProperty(DOC.user)
  @Presence(false)
  @IsBoundedText(MAX_TEXT)
  user: string;

  @ApiPropertyOptional({
    description:
      'Write-only: stored encrypted (AES-256-GCM), never returned. Omit, null or "" for none.',
    type: 'string',
    nullable: true,
    writeOnly: true,
    maxLength: MAX_PASSWORD,
    example: 's3cret',
  })
  @IsSecret(MAX_PASSWORD)
  password?: string | null;
}

/**
 * Body of both PUT and PATCH: every field optional; omitted fields keep their value.
 * `password`: omitted keeps it, null or "" clears it, a string replaces it.
 */
export class UpdateConnectionDto {
  @ApiPropertyOptional(DOC.name)
  @Presence(true)
  @Trim()
  @IsBoundedText(MAX_TEXT)
  name?: string;

  @ApiPropertyOptional(DOC.connection_type)
  @Presence(true)
  @IsSupportedType(CONNECTION_TYPES)
  connection_type?: ConnectionType;

  @ApiPropertyOptional(DOC.host)
  @Presence(true)
  @IsBoundedText(MAX_TEXT, HOST)
  host?: string;

  @ApiPropertyOptional(DOC.port)
  @Presence(true)
  @IsPort()
  port?: number;

  @ApiPropertyOptional(DOC.database)
  @Presence(true)
  @IsBoundedText(MAX_TEXT)
  database?: string;

  @ApiPropertyOptional(DOC.user)
  @Presence(true)
  @IsBoundedText(MAX_TEXT)
  user?: string;

  @ApiPropertyOptional({
    description:
      'Write-only. Omitted: keep the stored password; null or "": remove it; a string: replace it.',
    type: 'string',
    nullable: true,
    writeOnly: true,
    maxLength: MAX_PASSWORD,
    example: 'n3w-s3cret',
  })
  @IsSecret(MAX_PASSWORD)
  password?: string | null;
}

/** A connection as the API shows it: never the password nor its ciphertext. */
export class ConnectionResponse {
  @ApiProperty({ type: 'integer', example: 1 })
  conn_id: number;

  @ApiProperty({ example: 'tippers-prod' })
  name: string;

  @ApiProperty({ enum: CONNECTION_TYPES, example: 'postgresql' })
  connection_type: ConnectionType;

  @ApiProperty({ example: 'db.example.org' })
  host: string;

  @ApiProperty({ type: 'integer', example: 5432 })
  port: number;

  @ApiProperty({ example: 'tippers' })
  database: string;

  @ApiProperty({ example: 'readonly_user' })
  user: string;

  @ApiProperty({ description: 'Whether a password is stored', example: true })
  has_password: boolean;

  @ApiProperty({ format: 'date-time', example: '2025-01-31T12:00:00.000Z' })
  created_at: string;

  @ApiProperty({ format: 'date-time', example: '2025-01-31T12:00:00.000Z' })
  updated_at: string;
}

export function toConnectionResponse(e: ConnectionEntity): ConnectionResponse {
  return {
    conn_id: e.connId,
    name: e.name,
    connection_type: e.connectionType,
    host: e.host,
    port: e.port,
    database: e.database,
    user: e.user,
    has_password: e.passwordEncrypted !== null,
    created_at: e.createdAt.toISOString(),
    updated_at: e.updatedAt.toISOString(),
  };
}

/** Result of `POST /connections/{conn_id}/test`; a failed connect is a 200 with status "failed". */
export class ConnectionTestResponse {
  @ApiProperty({ enum: ['success', 'failed'], example: 'success' })
  status: 'success' | 'failed';

  @ApiProperty({
    description: 'What happened; never contains the password',
    example: 'connected to db.example.org:5432/tippers as readonly_user (PostgreSQL 16.4)',
  })
  message: string;

  @ApiProperty({ type: 'integer', description: 'Time spent connecting and querying', example: 12 })
  latency_ms: number;

  @ApiProperty({
    type: 'string',
    nullable: true,
    description: 'null when the test failed',
    example: '16.4',
  })
  server_version: string | null;
}
