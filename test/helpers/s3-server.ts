import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm } from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { createInterface } from 'node:readline';

export interface TestS3Server {
  /** e.g. `http://127.0.0.1:40123`; use with `forcePathStyle: true`. */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The directory s3rver keeps its buckets in (removed by close()). */
  directory: string;
  close(): Promise<void>;
}

/**
 * Runs in the child process. s3rver 3.7 signs ListObjectsV2 continuation tokens with DES,
 * which OpenSSL 3 (Node >= 17) only offers through the legacy provider: without
 * `--openssl-legacy-provider` every truncated ListObjectsV2 page is a 500 InternalError.
 * Running s3rver in its own process lets us pass that flag without touching the test
 * process (and keeps s3rver's synchronous directory walks off the tests' event loop).
 * The child exits when its stdin closes, so it never outlives the test worker.
 */
const CHILD_SCRIPT = `
const S3rver = require(process.env.S3RVER_MODULE);
const server = new S3rver({
  address: '127.0.0.1',
  port: 0,
  directory: process.env.S3RVER_DIRECTORY,
  silent: true,
  vhostBuckets: false,
  configureBuckets: [{ name: process.env.S3RVER_BUCKET }],
});
server.on('error', () => undefined);
server.run().then(
  (address) => process.stdout.write(JSON.stringify({ port: address.port }) + '\\n'),
  (err) => { process.stderr.write(String((err && err.stack) || err)); process.exit(1); },
);
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
process.on('SIGTERM', () => process.exit(0));
`;

const START_TIMEOUT_MS = 15_000;

/**
 * Starts a real S3-protocol server (s3rver) on a free loopback port, backed by a fresh
 * temporary directory, with one empty bucket. s3rver accepts SigV4 requests signed with
 * the credentials `S3RVER` / `S3RVER` (path-style, region `us-east-1`).
 */
export async function startS3Server(bucket = 'test-bucket'): Promise<TestS3Server> {
  const directory = await mkdtemp(path.join(os.tmpdir(), 'tippers-s3rver-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    S3RVER_MODULE: require.resolve('s3rver'),
    S3RVER_DIRECTORY: directory,
    S3RVER_BUCKET: bucket,
  };
  delete env.NODE_OPTIONS;
  const child = spawn(process.execPath, ['--openssl-legacy-provider', '-e', CHILD_SCRIPT], {
    env,
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const exited = once(child, 'exit');

  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      child.stdin.end();
      child.kill('SIGTERM');
      await exited;
    }
    await rm(directory, { recursive: true, force: true });
  };

  let port: number;
  try {
    port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`s3rver did not start within ${START_TIMEOUT_MS} ms: ${stderr}`)),
        START_TIMEOUT_MS,
      );
      const lines = createInterface({ input: child.stdout });
      lines.once('line', (line) => {
        clearTimeout(timer);
        lines.close();
        try {
          resolve((JSON.parse(line) as { port: number }).port);
        } catch {
          reject(new Error(`unexpected output from s3rver: ${line}`));
        }
      });
      exited.then(
        ([code]) => {
          clearTimeout(timer);
          reject(new Error(`s3rver exited with code ${String(code)} before listening: ${stderr}`));
        },
        (err: unknown) => {
          clearTimeout(timer);
          reject(err instanceof Error ? err : new Error(String(err)));
        },
      );
    });
  } catch (e) {
    await stop();
    throw e;
  }

  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    region: 'us-east-1',
    accessKeyId: 'S3RVER',
    secretAccessKey: 'S3RVER',
    directory,
    close: stop,
  };
}
