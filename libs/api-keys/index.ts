import { createHash } from 'node:crypto';

/** Roles of API keys, weakest first: each role may do what the ones before it may. */
export const ROLES = ['viewer', 'editor', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** `AUTH_MODE`: `auto` requires keys whenever the server listens beyond loopback. */
export const AUTH_MODES = ['auto', 'keys', 'off'] as const;
export type AuthMode = (typeof AUTH_MODES)[number];

export const KEY_PREFIX = 'tps_';
/** `tps_` and 43 base64url characters (32 random bytes). */
export const KEY_PATTERN = /^tps_[A-Za-z0-9_-]{43}$/;

export function roleAllows(have: Role, need: Role): boolean {
  return ROLES.indexOf(have) >= ROLES.indexOf(need);
}

/** The role an operation needs unless it says otherwise: reads viewer, writes editor, deletes admin. */
export function defaultRole(method: string): Role {
  const m = method.toUpperCase();
  if (m === 'GET' || m === 'HEAD' || m === 'OPTIONS') return 'viewer';
  if (m === 'DELETE') return 'admin';
  return 'editor';
}

/** Whether `host` (what the server listens on) is reachable only from this machine. */
export function isLoopbackHost(host: string): boolean {
  const h = host.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

export function keysRequired(mode: AuthMode, host: string): boolean {
  if (mode === 'off') return false;
  if (mode === 'keys') return true;
  return !isLoopbackHost(host);
}

/** What is stored of a key: its SHA-256 (keys are 256 random bits: no slow hash needed). */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key, 'utf8').digest('hex');
}

/** The key a request carries: `Authorization: Bearer <key>` or `X-API-Key: <key>`. */
export function keyFromHeaders(
  authorization: string | undefined,
  apiKey: string | string[] | undefined,
): string | undefined {
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? '');
  if (bearer) return bearer[1];
  if (typeof apiKey === 'string' && apiKey.trim()) return apiKey.trim();
  return undefined;
}
