/**
 * A load generator for the benchmarks, run as a child process so that its own work does not
 * share the service's JS thread: `ts-node bench/http-load.ts <port> <concurrency> <path>...`
 * (paths also as JSON on stdin when none are given). Prints one JSON line:
 * `{ ms: number[], wallMs: number, failures: string[] }`.
 */
import * as http from 'node:http';

async function main(): Promise<void> {
  const [portText, concurrencyText, ...args] = process.argv.slice(2);
  const port = Number(portText);
  const concurrency = Number(concurrencyText);
  let paths = args;
  if (!paths.length) {
    let input = '';
    for await (const chunk of process.stdin) input += chunk;
    paths = JSON.parse(input) as string[];
  }
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const ms: number[] = new Array(paths.length);
  const failures: string[] = [];
  let next = 0;
  const get = (path: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port, path, agent }, (res) => {
          res.resume();
          res.on('end', () => resolve(res.statusCode ?? 0));
        })
        .on('error', reject);
    });
  const t0 = performance.now();
  const worker = async () => {
    while (next < paths.length) {
      const i = next++;
      const t = performance.now();
      const status = await get(paths[i]);
      ms[i] = performance.now() - t;
      if (status !== 200) failures.push(`${paths[i]}: ${status}`);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  const wallMs = performance.now() - t0;
  agent.destroy();
  process.stdout.write(`${JSON.stringify({ ms, wallMs, failures })}\n`);
}

void main();
