/** Parses dotted IPv4 into a number. */
function toNumber(ip: string): number {
  const parts = ip.split('.').map(Number);
  if (parts.length !== 4 || parts.some(p => !(p >= 0 && p <= 255))) {
    throw new Error(`not an IPv4 address: ${ip}`);
  }
  return (
    ((parts[0] << 24) | (parts[1] << 16) | (parts[2] << 8) | parts[3]) >>> 0
  );
}

function toDotted(value: number): string {
  return [24, 16, 8, 0].map(shift => (value >>> shift) & 255).join('.');
}

/**
 * Hands out pod IPs from an IPv4 CIDR, one per live pod (keyed by pod uid). The default range,
 * 127.1.0.0/16, is loopback: every address is reachable on this machine without setup on Linux,
 * so a process pod can listen on its own pod IP. The range's first and last addresses, and any
 * ending in .0 or .255, are skipped.
 */
export class IpAllocator {
  private readonly first: number;
  private readonly size: number;
  private readonly byOwner = new Map<string, string>();
  private readonly used = new Set<string>();
  private next = 0;

  constructor(cidr: string) {
    const [base, bitsText] = cidr.split('/');
    const bits = Number(bitsText ?? 32);
    if (!(bits >= 8 && bits <= 30))
      throw new Error(`unsupported pod IP range ${cidr}`);
    const mask = bits === 0 ? 0 : (~0 << (32 - bits)) >>> 0;
    this.first = (toNumber(base) & mask) >>> 0;
    this.size = 2 ** (32 - bits);
  }

  /** Whether `ip` lies in the range. */
  contains(ip: string): boolean {
    try {
      const value = toNumber(ip);
      return value >= this.first && value < this.first + this.size;
    } catch {
      return false;
    }
  }

  /** The IP of `owner`, allocating one (or taking `preferred` when it is free and in range). */
  allocate(owner: string, preferred?: string): string {
    const known = this.byOwner.get(owner);
    if (known) return known;
    if (preferred && this.contains(preferred) && !this.used.has(preferred)) {
      return this.take(owner, preferred);
    }
    for (let tried = 0; tried < this.size; tried++) {
      const offset = this.next;
      this.next = (this.next + 1) % this.size;
      const ip = toDotted(this.first + offset);
      const last = ip.slice(ip.lastIndexOf('.') + 1);
      const edge = offset === 0 || offset === this.size - 1;
      if (edge || last === '0' || last === '255' || this.used.has(ip)) continue;
      return this.take(owner, ip);
    }
    throw new Error('pod IP range exhausted');
  }

  release(owner: string): void {
    const ip = this.byOwner.get(owner);
    if (!ip) return;
    this.byOwner.delete(owner);
    this.used.delete(ip);
  }

  private take(owner: string, ip: string): string {
    this.byOwner.set(owner, ip);
    this.used.add(ip);
    return ip;
  }
}
