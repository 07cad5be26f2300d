import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import { PgNotifyModule } from '../infra/pg-notify/pg-notify.module';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeysService } from './api-keys.service';
import { AuthController } from './auth.controller';

/** API keys with roles (viewer, editor, admin) and the guard every route passes. */
@Module({
  imports: [TypeOrmModule.forFeature([ApiKeyEntity]), PgNotifyModule],
  controllers: [AuthController],
  providers: [ApiKeysService, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeysService],
})
export class AuthModule {}
