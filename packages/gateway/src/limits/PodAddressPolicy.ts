import { BlockList, isIP } from 'node:net';

/** Decides whether a runner pod's IP may be dialled: only inside the configured ranges. */
export class PodAddressPolicy {
  private readonly allowed = new BlockList();

  constructor(cidrs: string[]) {
    for (const cidr of cidrs) {
      const [address, bits] = cidr.split('/');
      const family = isIP(address) === 6 ? 'ipv6' : 'ipv4';
      this.allowed.addSubnet(address, Number(bits), family);
    }
  }

  /** True for a literal IP inside an allowed range; host names are never allowed. */
  allows(ip: string | null | undefined): ip is string {
    if (!ip) return false;
    const family = isIP(ip);
    if (family === 0) return false;
    return this.allowed.check(ip, family === 6 ? 'ipv6' : 'ipv4');
  }
}
