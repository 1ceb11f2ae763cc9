/**
 * SSRF guard for webhook URLs: http(s) only, and no loopback, private, link-local, unique-local,
 * CGNAT, multicast or unspecified address (checked on every address the host name resolves to),
 * unless MARKETDASH_ALLOW_PRIVATE_WEBHOOKS=1. The host is resolved once; the request connects to the
 * addresses checked (`pinnedLookup`), so a DNS answer that changes in between (rebinding) is not used.
 */
import { lookup } from 'node:dns/promises';
import { isIP } from 'node:net';
import { UserError } from '../../model/errors.ts';

function v4Private(ip: string): string | null {
  const [a, b] = ip.split('.').map(Number);
  if (a === 127) return 'loopback';
  if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a === 100 && b >= 64 && b <= 127) return 'carrier-grade NAT';
  if (a === 0) return 'unspecified';
  if (a >= 224) return 'multicast/reserved';
  return null;
}

export function privateKind(ip: string): string | null {
  if (isIP(ip) === 4) return v4Private(ip);
  const x = ip.toLowerCase();
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(x);
  if (mapped) return v4Private(mapped[1]);
  const hex = /^::(?:ffff:)?([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(x); // IPv4-mapped/compatible, hex form
  if (hex) {
    const hi = Number.parseInt(hex[1], 16);
    const lo = Number.parseInt(hex[2], 16);
    return v4Private(`${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`) ?? 'IPv4-mapped';
  }
  if (x === '::1') return 'loopback';
  if (x === '::') return 'unspecified';
  if (/^fe[89ab]/.test(x)) return 'link-local';
  if (/^f[cd]/.test(x)) return 'unique-local (private)';
  if (/^ff/.test(x)) return 'multicast';
  return null;
}

export const allowPrivate = () => process.env.MARKETDASH_ALLOW_PRIVATE_WEBHOOKS === '1';

export interface Resolved {
  address: string;
  family: number;
}
/** Every address of a host name (the system resolver; tests pass their own). */
export type Resolver = (host: string) => Promise<Resolved[]>;
const systemResolver: Resolver = (host) => lookup(host, { all: true });

/**
 * Checks the URL and resolves its host once. `addresses` are the vetted addresses the request must
 * connect to (see `pinnedLookup`), or null when private targets are allowed (no guard, ordinary DNS).
 * Throws a UserError naming the reason when the URL may not be called.
 */
export async function vetWebhookUrl(raw: string, flag = '--webhook', resolve: Resolver = systemResolver): Promise<{ url: URL; addresses: Resolved[] | null }> {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    throw new UserError(`${flag}: not a URL: '${raw}'`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new UserError(`${flag}: only http(s) URLs, got ${u.protocol}`);
  if (u.username || u.password) throw new UserError(`${flag}: credentials in the URL are not allowed`);
  if (allowPrivate()) return { url: u, addresses: null };
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addrs: Resolved[];
  try {
    addrs = isIP(host) ? [{ address: host, family: isIP(host) }] : await resolve(host);
  } catch {
    throw new UserError(`${flag}: cannot resolve ${host}`);
  }
  if (addrs.length === 0) throw new UserError(`${flag}: cannot resolve ${host}`);
  for (const { address: a } of addrs) {
    const k = privateKind(a);
    if (k) throw new UserError(`${flag}: refused by the SSRF guard: ${host} is a ${k} address (${a}); set MARKETDASH_ALLOW_PRIVATE_WEBHOOKS=1 to allow`);
  }
  return { url: u, addresses: addrs };
}

export async function checkWebhookUrl(raw: string, flag = '--webhook'): Promise<URL> {
  return (await vetWebhookUrl(raw, flag)).url;
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | Resolved[], family?: number) => void;

/**
 * A `lookup` for http(s).request that answers with the vetted addresses only: the connection goes to
 * an address the guard checked, never to a second DNS answer (DNS rebinding). TLS still verifies the
 * certificate against the host name.
 */
export function pinnedLookup(addresses: Resolved[]) {
  return (_host: string, options: { all?: boolean } | number | LookupCallback, cb?: LookupCallback): void => {
    const done = (typeof options === 'function' ? options : cb) as LookupCallback;
    const all = typeof options === 'object' && options?.all;
    if (all) done(null, addresses);
    else done(null, addresses[0].address, addresses[0].family);
  };
}
