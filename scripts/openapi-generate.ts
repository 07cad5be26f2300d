/**
 * Writes the OpenAPI spec to openapi.json (`npm run openapi:generate`), or with `--check`
 * fails when the committed file differs from what the code describes (CI's drift check).
 * The app is built in Nest's preview mode: no provider runs, so no database is needed.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import { AppModule } from '../src/app.module';
import type { ResolvedConfig } from '../src/bootstrap/infrastructure';
import { loadConfig } from '../src/config/app-config';
import { buildOpenApiDocument } from '../src/openapi/openapi';

const OUT = path.resolve(__dirname, '..', 'openapi.json');

const PREVIEW_CONFIG: ResolvedConfig = {
  ...loadConfig({ LOG_LEVEL: 'silent' }, '/nonexistent'),
  databaseUrl: 'postgres://preview@127.0.0.1:1/preview',
  tippersDbUrl: 'postgres://preview@127.0.0.1:1/preview',
  encryptionKey: '0'.repeat(64),
  embeddedDatabase: false,
};

async function main(): Promise<void> {
  const app = await NestFactory.create(AppModule.forRoot(PREVIEW_CONFIG), {
    preview: true,
    logger: false,
  });
  const spec = JSON.stringify(buildOpenApiDocument(app), null, 2) + '\n';
  await app.close();
  if (process.argv.includes('--check')) {
    const current = (() => {
      try {
        return readFileSync(OUT, 'utf8');
      } catch {
        return '';
      }
    })();
    if (current !== spec) {
      process.stderr.write('openapi.json is stale: run `npm run openapi:generate` and commit it\n');
      process.exit(1);
    }
    process.stdout.write('openapi.json is up to date\n');
    return;
  }
  writeFileSync(OUT, spec);
  process.stdout.write(`wrote ${OUT}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
