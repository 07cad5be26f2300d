import { FsObjectStore, FsObjectStoreOptions } from './fs-object-store';
import type { ObjectStore } from './object-store.port';
import { S3ObjectStore, S3ObjectStoreOptions } from './s3-object-store';

export type ObjectStoreOptions =
  ({ driver: 'fs' } & FsObjectStoreOptions) | ({ driver: 's3' } & S3ObjectStoreOptions);

/** Builds a store from plain options; usable outside Nest (tests, benchmarks, scripts). */
export function createObjectStore(opts: ObjectStoreOptions): ObjectStore {
  switch (opts.driver) {
    case 'fs': {
      const { driver: _driver, ...fs } = opts;
      return new FsObjectStore(fs);
    }
    case 's3': {
      const { driver: _driver, ...s3 } = opts;
      return new S3ObjectStore(s3);
    }
    default: {
      const driver: never = opts;
      throw new Error(
        `unknown object store driver ${JSON.stringify((driver as { driver: unknown }).driver)}`,
      );
    }
  }
}
