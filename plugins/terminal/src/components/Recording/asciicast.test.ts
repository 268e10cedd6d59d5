import { capIdle, parseAsciicast, parseSize } from './asciicast';

describe('parseAsciicast', () => {
  it('reads the size and the output and resize events, dropping input', () => {
    const cast = parseAsciicast(
      [
        '{"version":2,"width":100,"height":30,"timestamp":1}',
        '[0.1,"o","$ "]',
        '[0.5,"i","l"]',
        '[0.7,"r","120x40"]',
        '[1.25,"o","ls\\r\\n"]',
        '',
      ].join('\n'),
    );
    expect(cast).toEqual({
      width: 100,
      height: 30,
      duration: 1.25,
      events: [
        { time: 0.1, kind: 'o', data: '$ ' },
        { time: 0.7, kind: 'r', data: '120x40' },
        { time: 1.25, kind: 'o', data: 'ls\r\n' },
      ],
    });
  });

  it('accepts a header alone as a recording with nothing in it', () => {
    expect(parseAsciicast('{"version":2,"width":80,"height":24}\n')).toEqual({
      width: 80,
      height: 24,
      duration: 0,
      events: [],
    });
  });

  it.each([
    ['', 'The recording is empty'],
    ['{"version":1}', 'The recording is not in asciicast v2 format'],
    ['{"version":2}\nnot json', 'Line 2 of the recording is not valid JSON'],
    ['{"version":2}\n{"t":1}', 'Line 2 of the recording is not an event'],
  ])('refuses %j: %s', (text, message) => {
    expect(() => parseAsciicast(text)).toThrow(message);
  });

  it('reads resize sizes', () => {
    expect(parseSize('120x40')).toEqual({ cols: 120, rows: 40 });
    expect(parseSize('wide')).toBeUndefined();
  });
});

describe('capIdle', () => {
  it('shortens long pauses and keeps short ones', () => {
    const cast = parseAsciicast(
      '{"version":2,"width":80,"height":24}\n[0.5,"o","a"]\n[600.5,"o","b"]\n[601,"o","c"]\n',
    );
    expect(capIdle(cast, 2).events.map(e => e.time)).toEqual([0.5, 2.5, 3]);
    expect(capIdle(cast, 2).duration).toBe(3);
  });
});
