import { Module } from '@nestjs/common';
import { ExternalSql } from './external-sql.service';

/** Provides ExternalSql: sessions on user-registered databases. */
@Module({
  providers: [ExternalSql],
  exports: [ExternalSql],
})
export class ExternalSqlModule {}
