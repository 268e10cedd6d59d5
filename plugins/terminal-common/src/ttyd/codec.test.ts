import {
  decodeClientMessage,
  decodeInit,
  decodeServerMessage,
  encodeInit,
  encodeInput,
  encodeOutput,
  encodePause,
  encodePreferences,
  encodeResize,
  encodeResume,
  encodeTitle,
  ttydAuthToken,
  TtydProtocolError,
} from './codec';

const text = (b: Uint8Array) => Buffer.from(b).toString('latin1');

describe("ttyd's protocol, byte for byte", () => {
  it('frames the client messages as ttyd 1.7 reads them', () => {
    expect(
      text(encodeInit({ AuthToken: 'dTpw', columns: 120, rows: 40 })),
    ).toBe('{"AuthToken":"dTpw","columns":120,"rows":40}');
    expect(text(encodeInput('ls\r'))).toBe('0ls\r');
    expect(text(encodeResize({ columns: 100, rows: 30 }))).toBe(
      '1{"columns":100,"rows":30}',
    );
    expect(text(encodePause())).toBe('2');
    expect(text(encodeResume())).toBe('3');
  });

  it('frames the server messages as ttyd 1.7 sends them', () => {
    expect(text(encodeOutput('$ '))).toBe('0$ ');
    expect(text(encodeTitle('bash (runner-1)'))).toBe('1bash (runner-1)');
    expect(text(encodePreferences({ fontSize: 14 }))).toBe('2{"fontSize":14}');
  });

  it('round-trips every message through its decoder', () => {
    expect(decodeClientMessage(encodeInput('é'))).toEqual({
      type: 'input',
      data: new TextEncoder().encode('é'),
    });
    expect(decodeClientMessage(encodeResize({ columns: 7, rows: 3 }))).toEqual({
      type: 'resize',
      columns: 7,
      rows: 3,
    });
    expect(decodeClientMessage(encodePause())).toEqual({ type: 'pause' });
    expect(decodeClientMessage(encodeResume())).toEqual({ type: 'resume' });
    expect(decodeClientMessage('9x')).toEqual({
      type: 'unknown',
      command: '9',
    });
    expect(decodeServerMessage(encodeTitle('t'))).toEqual({
      type: 'title',
      title: 't',
    });
    expect(decodeServerMessage(encodePreferences({ a: 1 }))).toEqual({
      type: 'preferences',
      preferences: { a: 1 },
    });
    const out = decodeServerMessage(Buffer.from('0hello'));
    expect(out.type === 'output' && text(out.data)).toBe('hello');
  });

  it('accepts the init from a Buffer, an ArrayBuffer or a string', () => {
    const init = { AuthToken: 'x', columns: 80, rows: 24 };
    const bytes = encodeInit(init);
    expect(decodeInit(Buffer.from(bytes))).toEqual(init);
    expect(decodeInit(bytes.slice().buffer)).toEqual(init);
    expect(decodeInit(JSON.stringify(init))).toEqual(init);
  });

  it('refuses a first message that is not ttyd init JSON', () => {
    expect(() => decodeInit('0ls')).toThrow(TtydProtocolError);
    expect(() => decodeInit('[1]')).toThrow('not a JSON object');
    expect(() => decodeInit('{"columns":80}')).toThrow('no AuthToken');
  });

  it('falls back to 80x24 for a missing or absurd size, as ttyd does', () => {
    expect(decodeInit('{"AuthToken":"a","columns":-1}')).toEqual({
      AuthToken: 'a',
      columns: 80,
      rows: 24,
    });
  });

  it('refuses a resize without a valid size', () => {
    expect(() => decodeClientMessage('1{"columns":0,"rows":2}')).toThrow(
      'columns and rows',
    );
    expect(() => decodeClientMessage('1nope')).toThrow('not JSON');
  });

  it("computes ttyd's AuthToken as base64 of user:password", () => {
    expect(ttydAuthToken('hatchway:s3cr3t')).toBe(
      Buffer.from('hatchway:s3cr3t').toString('base64'),
    );
  });
});
