import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { createObjectStore, ObjectStoreOptions } from './object-store.factory';
import { OBJECT_STORE, ObjectStore } from './object-store.port';

/**
 * Provides OBJECT_STORE (an ObjectStore) app-wide, built once from plain options:
 * `ObjectStoreModule.forRoot({ driver: 'fs', root })` or `forRoot({ driver: 's3', bucket, ... })`.
 * The store is closed when the app shuts down.
 */
@Global()
@Module({})
export class ObjectStoreModule implements OnApplicationShutdown {
  constructor(@Inject(OBJECT_STORE) private readonly store: ObjectStore) {}

  static forRoot(opts: ObjectStoreOptions): DynamicModule {
    return {
      module: ObjectStoreModule,
      providers: [{ provide: OBJECT_STORE, useFactory: () => createObjectStore(opts) }],
      exports: [OBJECT_STORE],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.store.close();
  }
}
