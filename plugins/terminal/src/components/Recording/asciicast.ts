/** What the player replays: the terminal size, then output and resizes in time order. */
export interface Asciicast {
  width: number;
  height: number;
  events: CastEvent[];
  /** Seconds from the start to the last event. */
  duration: number;
}

/** An output (`o`) or resize (`r`, data `COLSxROWS`) event, `time` in seconds from the start. */
export interface CastEvent {
  time: number;
  kind: 'o' | 'r';
  data: string;
}

/**
 * Parses an asciicast v2 file: a JSON header line, then one `[time, kind, data]` line per
 * event. Input (`i`) and marker events are dropped: a viewer sees what the terminal showed.
 * Throws on anything that is not asciicast v2, so the player can say so.
 */
export function parseAsciicast(text: string): Asciicast {
  const lines = text.split('\n').filter(line => line.trim() !== '');
  if (lines.length === 0) throw new Error('The recording is empty');
  const header = parseLine(lines[0], 1);
  if (header?.version !== 2) {
    throw new Error('The recording is not in asciicast v2 format');
  }
  const events: CastEvent[] = [];
  lines.slice(1).forEach((line, index) => {
    const event = parseLine(line, index + 2);
    if (
      !Array.isArray(event) ||
      typeof event[0] !== 'number' ||
      typeof event[1] !== 'string' ||
      typeof event[2] !== 'string'
    ) {
      throw new Error(`Line ${index + 2} of the recording is not an event`);
    }
    const [time, kind, data] = event;
    if (kind === 'o' || kind === 'r') events.push({ time, kind, data });
  });
  return {
    width: positiveOr(header.width, 80),
    height: positiveOr(header.height, 24),
    events,
    duration: events.length ? events[events.length - 1].time : 0,
  };
}

/** `COLSxROWS` of a resize event, or undefined when malformed. */
export function parseSize(
  data: string,
): { cols: number; rows: number } | undefined {
  const match = /^(\d+)x(\d+)$/.exec(data);
  if (!match) return undefined;
  return { cols: Number(match[1]), rows: Number(match[2]) };
}

function parseLine(line: string, number: number) {
  try {
    return JSON.parse(line);
  } catch {
    throw new Error(`Line ${number} of the recording is not valid JSON`);
  }
}

function positiveOr(value: unknown, fallback: number): number {
  return typeof value === 'number' && value > 0 ? value : fallback;
}

/**
 * The cast with every pause longer than `maxSeconds` shortened to it: a session that idled
 * for ten minutes replays without ten minutes of nothing.
 */
export function capIdle(cast: Asciicast, maxSeconds: number): Asciicast {
  let shift = 0;
  let previous = 0;
  const events = cast.events.map(event => {
    const gap = event.time - previous;
    if (gap > maxSeconds) shift += gap - maxSeconds;
    previous = event.time;
    return { ...event, time: event.time - shift };
  });
  return {
    ...cast,
    events,
    duration: events.length ? events[events.length - 1].time : 0,
  };
}
