/**
 * IPv4 addresses and CIDR ranges as plain numbers, enough for the service CIDR, pod CIDRs and the load
 * balancer pool. IPv6 is not simulated.
 */

/** An IPv4 CIDR range: base address (as an unsigned 32-bit number) and prefix length. */
export interface Cidr {
  readonly base: number;
  readonly prefix: number;
  /** Number of addresses in the range, network and broadcast included (2^(32-prefix)). */
  readonly size: number;
}

/** Parses a dotted quad; undefined when it is not one. */
export function parseIp(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

/** Formats an unsigned 32-bit number as a dotted quad. */
export function formatIp(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** Parses `a.b.c.d/p`; throws on a malformed range (ranges are configuration, not user input). */
export function parseCidr(text: string): Cidr {
  const [ip, bits] = text.split('/');
  const base = ip === undefined ? undefined : parseIp(ip);
  const prefix = Number(bits);
  if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32)
    throw new Error(`invalid CIDR ${text}`);
  const size = 2 ** (32 - prefix);
  return { base: base - (base % size), prefix, size };
}

/** Whether an address lies in the range. */
export function cidrContains(cidr: Cidr, ip: number): boolean {
  return ip >= cidr.base && ip < cidr.base + cidr.size;
}

/** The range as text. */
export function formatCidr(cidr: Cidr): string {
  return `${formatIp(cidr.base)}/${cidr.prefix}`;
}
