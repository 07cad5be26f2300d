import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Inject,
  Post,
  Query,
  Req,
  Res,
} from '@nestjs/common';
import {
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import type { Response } from 'express';
import { encodeCursor } from '../../libs/page-cursor';
import { ApiPage, cursorPosition, PageQuery, pageLimit, pageOf, sendPage } from '../common/paging';
import { UuidParam } from '../common/uuid-param';
import type { ResolvedConfig } from '../bootstrap/infrastructure';
import { APP_CONFIG } from '../config/app-config.provider';
import type { AuthenticatedRequest } from './api-key.guard';
import { ApiKeysService } from './api-keys.service';
import { RequireRole } from './auth.decorators';
import {
  ApiKeyResponse,
  CreateApiKeyDto,
  CreatedApiKeyResponse,
  toApiKeyResponse,
  WhoAmIResponse,
} from './auth.dto';

@ApiTags('auth')
@ApiUnauthorizedResponse({ description: 'No key, or not a valid one (when keys are required)' })
@ApiForbiddenResponse({ description: 'The key’s role does not cover this operation' })
@Controller('auth')
export class AuthController {
  constructor(
    private readonly keys: ApiKeysService,
    @Inject(APP_CONFIG) private readonly config: ResolvedConfig,
  ) {}

  @Post('keys')
  @RequireRole('admin')
  @ApiOperation({
    summary: 'Create an API key (admin); the answer holds the key, shown only this once',
  })
  @ApiCreatedResponse({ type: CreatedApiKeyResponse })
  async create(@Body() body: CreateApiKeyDto): Promise<CreatedApiKeyResponse> {
    const { entity, key } = await this.keys.create(body.name, body.role);
    return { ...toApiKeyResponse(entity), key };
  }

  @Get('keys')
  @RequireRole('admin')
  @ApiOperation({ summary: 'API keys (admin), without the keys themselves' })
  @ApiPage(ApiKeyResponse)
  async list(
    @Query() q: PageQuery,
    @Req() req: AuthenticatedRequest,
    @Res({ passthrough: true }) res: Response,
  ): Promise<ApiKeyResponse[]> {
    const limit = pageLimit(q.limit);
    const after = cursorPosition(q.cursor, ['uuid'] as const)?.[0];
    const rows = await this.keys.list(after, limit + 1);
    return sendPage(
      req,
      res,
      pageOf(rows, limit, toApiKeyResponse, (k) => encodeCursor([k.keyId])),
    );
  }

  @Delete('keys/:key_id')
  @HttpCode(204)
  @RequireRole('admin')
  @ApiOperation({ summary: 'Delete an API key (admin): it stops working at once' })
  @ApiNoContentResponse()
  async remove(@UuidParam('key_id') keyId: string): Promise<void> {
    await this.keys.remove(keyId);
  }

  @Get('me')
  @ApiOperation({ summary: 'Whose key this is and what it may do' })
  @ApiOkResponse({ type: WhoAmIResponse })
  me(@Req() req: AuthenticatedRequest): WhoAmIResponse {
    const who = req.apiKey;
    return {
      keys_required: this.config.auth.required,
      // without a key where keys are not required, a caller may do everything
      role: who?.role ?? 'admin',
      key_id: who?.keyId ?? null,
      name: who?.name ?? null,
    };
  }
}
