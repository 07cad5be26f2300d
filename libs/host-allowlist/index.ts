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

/** Whether a pattern list names `host` itself (not merely allows everything). */
export function isHostListed(host: string, patterns: readonly string[] | undefined): boolean {
  return patterns !== undefined && isHostAllowed(host, patterns);
}

/**
 * Why a connection to the resolved address `ip` is refused even though its host passed the
 * allow-list, or null: link-local addresses (where clouds serve instance metadata and
 * credentials: 169.254.169.254, fd00:ec2::254, fe80::/10), other metadata addresses
 * (100.100.100.200), the unspecified address and multicast. Allowed only when the host or the
 * address is listed explicitly in CONNECTION_ALLOWED_HOSTS.
 */
export function blockedAddressReason(ip: string): string | null {
  const v4 = mappedV4(ip);
  if (v4) {
    const [a, b] = v4.split('.').map(Number);
    if (a === 169 && b === 254) return 'a link-local address (cloud instance metadata lives there)';
    if (v4 === '100.100.100.200') return 'a cloud instance metadata address';
    if (a === 0) return 'the unspecified address';
    if (a >= 224) return 'a multicast or reserved address';
    return null;
  }
  const h = ip.toLowerCase();
  if (/^fe[89ab][0-9a-f]:/.test(h))
    return 'a link-local address (cloud instance metadata lives there)';
  if (h === 'fd00:ec2::254') return 'a cloud instance metadata address';
  if (h === '::' || h === '0:0:0:0:0:0:0:0') return 'the unspecified address';
  if (h.startsWith('ff')) return 'a multicast address';
  return null;
}

/** The IPv4 address of a dotted quad or an IPv4-mapped IPv6 address (::ffff:a.b.c.d). */
function mappedV4(ip: string): string | null {
  const m = /^(?:::ffff:)?(\d{1,3}(?:\.\d{1,3}){3})$/i.exec(ip);
  return m ? m[1] : null;
}
