/** Parses a dotted IPv4 address into an unsigned 32-bit number. */
function ipv4ToNumber(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/**
 * Whether an IPv4 CIDR (`169.254.0.0/16`, `0.0.0.0/0`, or a bare address) contains an address.
 * IPv6 CIDRs never contain an IPv4 address (Kubernetes treats them as separate families).
 */
export function cidrContains(cidr: string, address: string): boolean {
  const [network, prefixText] = cidr.trim().split('/');
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  const networkValue = ipv4ToNumber(network);
  const addressValue = ipv4ToNumber(address);
  if (networkValue === undefined || addressValue === undefined) return false;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  // Division instead of bit shifts: shifts in JavaScript are 32-bit signed and break at /0.
  const size = 2 ** (32 - prefix);
  return Math.floor(networkValue / size) === Math.floor(addressValue / size);
}
