import { DynamicModule, Global, Module } from '@nestjs/common';
import { TippersDb } from './tippers-db.service';

@Global()
@Module({})
export class TippersDbModule {
  static forRoot(url: string): DynamicModule {
    return {
      module: TippersDbModule,
      providers: [{ provide: TippersDb, useFactory: () => new TippersDb(url) }],
      exports: [TippersDb],
    };
  }
}
