import { IpAllocator } from './ipam';

describe('IpAllocator', () => {
  it('gives each owner its own address in the range and reuses released ones', () => {
    const ips = new IpAllocator('127.1.0.0/30');
    const a = ips.allocate('a');
    const b = ips.allocate('b');
    expect(a).not.toEqual(b);
    expect([a, b].every(ip => ips.contains(ip))).toBe(true);
    expect(ips.allocate('a')).toBe(a);
    expect(() => ips.allocate('c')).toThrow('exhausted');
    ips.release('a');
    expect(ips.allocate('c')).toBe(a);
  });

  it('keeps a pod IP it is told about when it is free', () => {
    const ips = new IpAllocator('127.1.0.0/16');
    expect(ips.allocate('x', '127.1.7.9')).toBe('127.1.7.9');
    expect(ips.allocate('y', '127.1.7.9')).not.toBe('127.1.7.9');
    expect(ips.allocate('z', '10.0.0.1')).toMatch(/^127\.1\./);
  });
});
