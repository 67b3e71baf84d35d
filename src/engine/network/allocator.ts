/**
 * The API server's allocators for Service ClusterIPs and NodePorts, after upstream
 * pkg/registry/core/service/ipallocator/bitmap.go and portallocator/allocator.go, with the allocation
 * bitmap of pkg/registry/core/service/allocator (randomScanStrategyWithOffset).
 *
 * A range is split in two bands: a lower "static" band of `offset` values that dynamic allocation uses
 * only when the upper band is full, so that users can pick fixed values there (KEP-3070 for IPs,
 * KEP-3668 for ports). Dynamic allocation starts at a random value of the upper band (the simulation's
 * seeded generator) and scans forward, wrapping, as upstream does.
 */
import type { Prng } from '../../lib';
import { type Cidr, cidrContains, formatCidr, formatIp, parseCidr } from './ipnet';

/** A set of allocated offsets in [0, max) with a static lower band of `offset` values. */
export class OffsetAllocator {
  private readonly used = new Set<number>();

  constructor(
    readonly max: number,
    readonly offset: number,
  ) {}

  get free(): number {
    return this.max - this.used.size;
  }

  has(i: number): boolean {
    return this.used.has(i);
  }

  /** Marks a value allocated; false when it already was. */
  allocate(i: number): boolean {
    if (this.used.has(i)) return false;
    this.used.add(i);
    return true;
  }

  release(i: number): void {
    this.used.delete(i);
  }

  /** randomScanStrategyWithOffset.AllocateBit: the upper band first, then the static band. */
  allocateNext(rng: Prng): number | undefined {
    const upper = this.max - this.offset;
    if (upper > 0) {
      const start = rng.int(upper);
      for (let i = 0; i < upper; i++) {
        const at = this.offset + ((start + i) % upper);
        if (this.allocate(at)) return at;
      }
    }
    if (this.offset > 0) {
      const start = rng.int(this.offset);
      for (let i = 0; i < this.offset; i++) {
        const at = (start + i) % this.offset;
        if (this.allocate(at)) return at;
      }
    }
    return undefined;
  }
}

/**
 * ipallocator.calculateRangeOffset: min(max(16, size/16), 256); none for 16 addresses or fewer (a /28
 * has 16, of which the network and broadcast addresses are not usable).
 */
export function ipRangeOffset(cidrSize: number): number {
  if (cidrSize <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(cidrSize / 16)), 256);
}

/** portallocator.calculateRangeOffset: min(max(16, size/32), 128); none for 16 ports or fewer. */
export function portRangeOffset(size: number): number {
  if (size <= 16) return 0;
  return Math.min(Math.max(16, Math.floor(size / 32)), 128);
}

/** Why an allocation was refused, in the API server's words (after `failed to allocate IP x: `). */
export type AllocationError = 'not-in-range' | 'already-allocated' | 'full';

/** ClusterIPs of a service CIDR: every address except the network and broadcast addresses. */
export class IpAllocator {
  readonly cidr: Cidr;
  private readonly bits: OffsetAllocator;

  constructor(cidr: string) {
    this.cidr = parseCidr(cidr);
    const max = Math.max(0, this.cidr.size - 2);
    this.bits = new OffsetAllocator(max, ipRangeOffset(this.cidr.size));
  }

  get range(): string {
    return formatCidr(this.cidr);
  }

  /** Allocates a specific address. */
  allocate(ip: number): AllocationError | undefined {
    const i = ip - this.cidr.base - 1;
    if (!cidrContains(this.cidr, ip) || i < 0 || i >= this.bits.max) return 'not-in-range';
    return this.bits.allocate(i) ? undefined : 'already-allocated';
  }

  allocateNext(rng: Prng): string | undefined {
    const i = this.bits.allocateNext(rng);
    return i === undefined ? undefined : formatIp(this.cidr.base + 1 + i);
  }

  release(ip: number): void {
    const i = ip - this.cidr.base - 1;
    if (i >= 0 && i < this.bits.max) this.bits.release(i);
  }

  isAllocated(ip: number): boolean {
    return this.bits.has(ip - this.cidr.base - 1);
  }
}

/** NodePorts of `--service-node-port-range` (inclusive bounds). */
export class PortAllocator {
  private readonly bits: OffsetAllocator;

  constructor(
    readonly base: number,
    readonly last: number,
  ) {
    const size = last - base + 1;
    this.bits = new OffsetAllocator(size, portRangeOffset(size));
  }

  allocate(port: number): AllocationError | undefined {
    if (port < this.base || port > this.last) return 'not-in-range';
    return this.bits.allocate(port - this.base) ? undefined : 'already-allocated';
  }

  allocateNext(rng: Prng): number | undefined {
    const i = this.bits.allocateNext(rng);
    return i === undefined ? undefined : this.base + i;
  }

  release(port: number): void {
    if (port >= this.base && port <= this.last) this.bits.release(port - this.base);
  }
}
