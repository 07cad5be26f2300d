import { Module } from '@nestjs/common';
import { PgListener } from './pg-listener.service';

/** PostgreSQL LISTEN shared by the features of a process (one connection). */
@Module({ providers: [PgListener], exports: [PgListener] })
export class PgNotifyModule {}
