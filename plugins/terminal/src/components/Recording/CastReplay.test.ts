import { parseAsciicast } from './asciicast';
import { CastReplay, ReplaySink } from './CastReplay';

const cast = parseAsciicast(
  [
    '{"version":2,"width":80,"height":24}',
    '[0.5,"o","$ "]',
    '[1,"r","100x30"]',
    '[2,"o","ls"]',
    '[4,"o","\\r\\nREADME.md"]',
  ].join('\n'),
);

/** A sink that keeps the screen as text, like a terminal would show it. */
function screen(): ReplaySink & { text: string; size: string } {
  const sink = {
    text: '',
    size: '80x24',
    write: (data: string) => {
      sink.text += data;
    },
    resize: (cols: number, rows: number) => {
      sink.size = `${cols}x${rows}`;
    },
    reset: () => {
      sink.text = '';
    },
  };
  return sink;
}

describe('CastReplay', () => {
  beforeEach(() => jest.useFakeTimers());
  afterEach(() => jest.useRealTimers());

  it('writes each event at its time, resizes, and ends after the last', () => {
    const sink = screen();
    const replay = new CastReplay(cast, sink);
    replay.play();
    expect(sink.text).toBe('');
    jest.advanceTimersByTime(500);
    expect(sink.text).toBe('$ ');
    jest.advanceTimersByTime(1500);
    expect(sink.size).toBe('100x30');
    expect(sink.text).toBe('$ ls');
    jest.advanceTimersByTime(2000);
    expect(sink.text).toBe('$ ls\r\nREADME.md');
    expect(replay.state).toMatchObject({ status: 'ended', position: 4 });
  });

  it('stops while paused and goes on from where it was', () => {
    const sink = screen();
    const replay = new CastReplay(cast, sink);
    replay.play();
    jest.advanceTimersByTime(1000);
    replay.pause();
    expect(replay.state).toMatchObject({ status: 'paused', position: 1 });
    jest.advanceTimersByTime(10_000);
    expect(sink.text).toBe('$ ');
    replay.play();
    jest.advanceTimersByTime(1000);
    expect(sink.text).toBe('$ ls');
  });

  it('plays faster at a higher speed', () => {
    const sink = screen();
    const replay = new CastReplay(cast, sink);
    replay.setSpeed(4);
    replay.play();
    jest.advanceTimersByTime(500);
    expect(sink.text).toBe('$ ls');
    jest.advanceTimersByTime(500);
    expect(replay.state.status).toBe('ended');
  });

  it('replays from a clean screen after the end', () => {
    const sink = screen();
    const onChange = jest.fn();
    const replay = new CastReplay(cast, sink, onChange);
    replay.play();
    jest.advanceTimersByTime(4000);
    replay.play();
    expect(sink.text).toBe('');
    expect(sink.size).toBe('80x24');
    jest.advanceTimersByTime(500);
    expect(sink.text).toBe('$ ');
    expect(onChange).toHaveBeenLastCalledWith({
      status: 'playing',
      position: 0.5,
      speed: 1,
    });
  });
});
