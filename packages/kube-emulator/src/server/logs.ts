import { EventEmitter } from 'node:events';
import { rfc3339Nano } from '../util/time';

/** One chunk of container output with the time it was written. */
interface LogLine {
  time: Date;
  text: string;
}

const MAX_LINES = 10000;

/**
 * Container logs fed by whoever runs the containers (controllers, process pods) and served
 * through `pods/log`. Lines are kept per container, bounded, and followers are notified.
 */
export class LogStore {
  private readonly logs = new Map<string, LogLine[]>();
  readonly events = new EventEmitter();

  constructor() {
    this.events.setMaxListeners(0);
  }

  static key(ns: string, pod: string, container: string): string {
    return `${ns}/${pod}/${container}`;
  }

  /** Appends output; text is split into lines (a trailing partial line is kept as its own line). */
  append(ns: string, pod: string, container: string, text: string): void {
    const key = LogStore.key(ns, pod, container);
    let lines = this.logs.get(key);
    if (!lines) this.logs.set(key, (lines = []));
    const time = new Date();
    const parts = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
    const added: LogLine[] = [];
    for (const p of parts) {
      const last = lines[lines.length - 1];
      if (last && !last.text.endsWith('\n')) {
        last.text += p;
        added.push({ time: last.time, text: p });
      } else {
        const line = { time, text: p };
        lines.push(line);
        added.push(line);
      }
    }
    if (lines.length > MAX_LINES) lines.splice(0, lines.length - MAX_LINES);
    if (added.length) this.events.emit(key, added);
  }

  has(ns: string, pod: string, container: string): boolean {
    return (this.logs.get(LogStore.key(ns, pod, container))?.length ?? 0) > 0;
  }

  /** Lines of a container (copy). */
  lines(ns: string, pod: string, container: string): LogLine[] {
    return [...(this.logs.get(LogStore.key(ns, pod, container)) ?? [])];
  }

  /** Forgets the logs of a pod (it was deleted). */
  dropPod(ns: string, pod: string): void {
    const prefix = `${ns}/${pod}/`;
    for (const key of this.logs.keys())
      if (key.startsWith(prefix)) this.logs.delete(key);
  }
}

/** Formats a log line for the response (`timestamps=true` prefixes RFC 3339 nano times). */
export function formatLine(line: LogLine, timestamps: boolean): string {
  return timestamps ? `${rfc3339Nano(line.time)} ${line.text}` : line.text;
}
