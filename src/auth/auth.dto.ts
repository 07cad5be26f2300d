import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsString, Length } from 'class-validator';
import { ROLES, type Role } from '../../libs/api-keys';
import type { ApiKeyEntity } from './api-key.entity';

export class CreateApiKeyDto {
  @ApiProperty({ example: 'notebook of the HVAC study' })
  @IsString()
  @Length(1, 255)
  name: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES as unknown as string[], { message: `role must be one of: ${ROLES.join(', ')}` })
  role: Role;
}

export class ApiKeyResponse {
  @ApiProperty({ format: 'uuid' }) key_id: string;
  @ApiProperty() name: string;
  @ApiProperty({ enum: ROLES }) role: Role;
  @ApiProperty({ description: 'First characters of the key, to tell keys apart' })
  key_prefix: string;
  @ApiProperty() created_at: string;
}

export class CreatedApiKeyResponse extends ApiKeyResponse {
  @ApiProperty({ description: 'The key itself: shown this once, never stored' })
  key: string;
}

export class WhoAmIResponse {
  @ApiProperty({ description: 'Whether this server requires keys' }) keys_required: boolean;
  @ApiProperty({ enum: ROLES, description: 'What the caller may do' }) role: Role;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) key_id: string | null;
  @ApiProperty({ nullable: true, type: String }) name: string | null;
}

export const toApiKeyResponse = (k: ApiKeyEntity): ApiKeyResponse => ({
  key_id: k.keyId,
  name: k.name,
  role: k.role,
  key_prefix: k.keyPrefix,
  created_at: k.createdAt.toISOString(),
});
