import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PgNotifyModule } from '../infra/pg-notify/pg-notify.module';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';

/** API keys with roles (viewer, editor, admin) and the guard every route passes. */
@Module({
  imports: [PgNotifyModule],
  controllers: [AuthController],
  providers: [ApiKeysService, { provide: APP_GUARD, useClass: ApiKeyGuard }],
})
export class AuthModule {}
