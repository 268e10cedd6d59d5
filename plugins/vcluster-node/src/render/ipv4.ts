/** Parses a dotted IPv4 address to a 32-bit number; undefined for anything else (IPv6 too). */
function parseIpv4(address: string): number | undefined {
  const parts = address.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0;
  for (const part of parts) {
    if (!/^\d{1,3}$/.test(part) || Number(part) > 255) return undefined;
    value = value * 256 + Number(part);
  }
  return value;
}

/** Whether an IPv4 CIDR contains an IPv4 address; false for IPv6 or malformed input. */
export function ipv4CidrContains(cidr: string, address: string): boolean {
  const [base, bits] = cidr.split('/');
  const prefix = bits === undefined ? 32 : Number(bits);
  const network = parseIpv4(base);
  const ip = parseIpv4(address);
  if (network === undefined || ip === undefined) return false;
  if (!Number.isInteger(prefix) || prefix < 0 || prefix > 32) return false;
  // Compare the top `prefix` bits; division keeps clear of 32-bit signed shifts.
  const size = 2 ** (32 - prefix);
  return Math.floor(network / size) === Math.floor(ip / size);
}
