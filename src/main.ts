// DuckDB queries each hold a libuv thread-pool thread (default 4): give file I/O room beside them.
// Must be set before anything uses the pool.
process.env.UV_THREADPOOL_SIZE ??= '16';
import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { AppModule } from './app.module';
import { APP_OPTIONS, configureApp } from './app.setup';
import { prepareInfrastructure } from './bootstrap/infrastructure';
import { ConfigError, loadConfig } from './config/app-config';

/** Roles that answer HTTP (DESIGN §2): workers and sensors only do background work. */
function servesHttp(role: string): boolean {
  return role === 'all' || role === 'api';
}

const bootLog = (message: string) =>
  process.stdout.write(
    JSON.stringify({ level: 30, time: Date.now(), context: 'Bootstrap', msg: message }) + '\n',
  );

async function bootstrap(): Promise<void> {
  let config;
  try {
    config = loadConfig();
  } catch (e) {
    if (e instanceof ConfigError) {
      process.stderr.write(`${e.message}\n`);
      process.exit(2);
    }
    throw e;
  }
  const started = Date.now();
  const infra = await prepareInfrastructure(config, bootLog);
  const app = await NestFactory.create<NestExpressApplication>(
    AppModule.forRoot(infra.config),
    APP_OPTIONS,
  );
  configureApp(app);

  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    bootLog(`${signal} received: shutting down`);
    const force = setTimeout(() => process.exit(1), (config.runs.shutdownGraceSeconds + 15) * 1000);
    force.unref();
    app
      .close()
      .then(() => infra.shutdown())
      .then(() => process.exit(0))
      .catch((e) => {
        process.stderr.write(`shutdown failed: ${String(e)}\n`);
        process.exit(1);
      });
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));

  if (servesHttp(config.appRole)) {
    await app.listen(config.port, config.host);
    bootLog(
      `tippers-services (${config.appRole}) listening on http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port} ` +
        `after ${Date.now() - started} ms; API docs at /docs; API keys ${config.auth.required ? 'required' : 'not required'} (AUTH_MODE ${config.auth.mode})`,
    );
  } else {
    await app.init();
    bootLog(
      `tippers-services (${config.appRole}) started after ${Date.now() - started} ms (no HTTP)`,
    );
  }
}

bootstrap().catch((e) => {
  process.stderr.write(
    `startup failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`,
  );
  process.exit(1);
});
