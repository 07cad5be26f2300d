/**
 * Which database hosts registered connections may point at (CONNECTION_ALLOWED_HOSTS).
 * Patterns: an exact host name or IP (`db.internal`, `10.0.0.5`), or `*.suffix` for any
 * subdomain of suffix (`*.example.org` matches `a.example.org`, not `example.org`).
 * Comparison is case-insensitive; no pattern list means every host is allowed.
 */
export function parseHostPatterns(text: string | undefined): string[] | undefined {
  if (text === undefined) return undefined;
  const patterns = text
    .split(',')
    .map((p) => p.trim().toLowerCase())
    .filter(Boolean);
  return patterns.length ? patterns : undefined;
}

export function isHostAllowed(host: string, patterns: readonly string[] | undefined): boolean {
  if (!patterns) return true;
  const h = host.trim().toLowerCase().replace(/\.$/, '');
  return patterns.some((p) =>
    p.startsWith('*.') ? h.endsWith(p.slice(1)) && h.length > p.length - 1 : h === p,
  );
}
