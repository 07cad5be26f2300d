import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ExternalSqlModule } from '../infra/external-sql/external-sql.module';
import { ConnectionEntity } from './connection.entity';
import { ConnectionsController } from './connections.controller';
import { ConnectionsService } from './connections.service';
import { SecretCipher } from './secret-cipher.service';

/**
 * Registered databases (`/connections`). Exports ConnectionsService (getConnectionParams for
 * modules that run SQL on a connection), SecretCipher and ExternalSqlModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ConnectionEntity]), ExternalSqlModule],
  controllers: [ConnectionsController],
  providers: [ConnectionsService, SecretCipher],
  exports: [ConnectionsService, SecretCipher, ExternalSqlModule],
})
export class ConnectionsModule {}
