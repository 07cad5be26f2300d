/**
 * Writes the OpenAPI spec to openapi.json and the dashboard's types of it to
 * web/src/api-schema.d.ts (openapi-typescript) (`npm run openapi:generate`), or with `--check`
 * fails when a committed file differs from what the code describes (CI's drift check).
 * The app is built in Nest's preview mode: no provider runs, so no database is needed.
 */
import 'reflect-metadata';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { NestFactory } from '@nestjs/core';
import openapiTS, { astToString } from 'openapi-typescript';
import * as prettier from 'prettier';
import { AppModule } from '../src/app.module';
import type { ResolvedConfig } from '../src/bootstrap/infrastructure';
import { loadConfig } from '../src/config/app-config';
import { buildOpenApiDocument } from '../src/openapi/openapi';

const OUT = path.resolve(__dirname, '..', 'openapi.json');
const TYPES = path.resolve(__dirname, '..', 'web', 'src', 'api-schema.d.ts');

/** The spec's paths and schemas as TypeScript types, formatted as the repository formats. */
async function schemaTypes(spec: string): Promise<string> {
  const ast = await openapiTS(JSON.parse(spec) as Parameters<typeof openapiTS>[0]);
  const banner =
    '/** The REST API as types, generated from openapi.json by `npm run openapi:generate`: do not edit. */\n';
  const options = await prettier.resolveConfig(TYPES);
  return prettier.format(banner + astToString(ast), { ...options, filepath: TYPES });
}

const readOr = (file: string) => {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return '';
  }
};

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
  const types = await schemaTypes(spec);
  if (process.argv.includes('--check')) {
    const stale = [
      ...(readOr(OUT) !== spec ? ['openapi.json'] : []),
      ...(readOr(TYPES) !== types ? ['web/src/api-schema.d.ts'] : []),
    ];
    if (stale.length) {
      process.stderr.write(
        `${stale.join(' and ')} ${stale.length > 1 ? 'are' : 'is'} stale: run \`npm run openapi:generate\` and commit\n`,
      );
      process.exit(1);
    }
    process.stdout.write('openapi.json and web/src/api-schema.d.ts are up to date\n');
    return;
  }
  writeFileSync(OUT, spec);
  writeFileSync(TYPES, types);
  process.stdout.write(`wrote ${OUT} and ${TYPES}\n`);
}

main().catch((e) => {
  process.stderr.write(`${e instanceof Error ? e.stack : String(e)}\n`);
  process.exit(1);
});
