import { ipv4CidrContains } from './ipv4';

describe('ipv4CidrContains', () => {
  it.each([
    ['0.0.0.0/0', '169.254.169.254', true],
    ['169.254.0.0/16', '169.254.169.254', true],
    ['169.254.169.254/32', '169.254.169.254', true],
    ['128.0.0.0/1', '169.254.169.254', true],
    ['10.0.0.0/8', '169.254.169.254', false],
    ['169.254.169.255/32', '169.254.169.254', false],
    ['192.168.1.7', '192.168.1.7', true],
    ['::/0', '169.254.169.254', false],
    ['300.0.0.0/8', '44.0.0.1', false],
    ['10.0.0.0/33', '10.0.0.1', false],
  ])('%s contains %s: %s', (cidr, address, expected) => {
    expect(ipv4CidrContains(cidr, address)).toBe(expected);
  });
});
