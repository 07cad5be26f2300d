import { createHash } from 'node:crypto';

/**
 * Fingerprints of pipeline assets: what a build was made from, and whether an asset is stale.
 * Pure (hashing only), so the rules are unit-tested here and shared by every asset type.
 */

/** JSON with object keys sorted at every level: equal values give equal text. */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
}

export function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** Hash of an asset's definition (its SQL and the settings that change its output). */
export function definitionHash(definition: Record<string, unknown>): string {
  return sha256(canonicalJson(definition));
}

/** Input name → the run id of the input materialization read (null: none). */
export type Inputs = Record<string, string | null>;

/** Hash of the definition and the input materializations: equal means "built from the same". */
export function fingerprint(definition: Record<string, unknown>, inputs: Inputs): string {
  return sha256(canonicalJson({ definition: definitionHash(definition), inputs }));
}

export interface Built {
  definitionHash: string;
  inputs: Inputs;
}

export interface Staleness {
  stale: boolean;
  /** Why, in words: empty when fresh. */
  reasons: string[];
}

/**
 * Whether a build is stale against the asset now: its definition changed after it was built,
 * or an input was re-materialized since (or has no materialization any more). A never-built
 * asset is not "stale" (it has nothing to be stale); callers show it as not materialized.
 */
export function staleness(
  built: Built | null,
  now: { definition: Record<string, unknown>; inputs: Inputs },
): Staleness {
  if (!built) return { stale: false, reasons: [] };
  const reasons: string[] = [];
  if (built.definitionHash !== definitionHash(now.definition))
    reasons.push('its definition (SQL or columns) changed after it was built');
  for (const [name, current] of Object.entries(now.inputs)) {
    const used = built.inputs[name] ?? null;
    if (current === used) continue;
    reasons.push(
      current === null
        ? `its ${name} has no materialization any more`
        : `its ${name} was re-materialized after it was built`,
    );
  }
  return { stale: reasons.length > 0, reasons };
}
