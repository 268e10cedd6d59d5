/** RFC 3339 time with second precision, as metav1.Time serializes (`2024-01-02T03:04:05Z`). */
export function rfc3339(date: Date = new Date()): string {
  return `${date.toISOString().slice(0, 19)}Z`;
}

/** RFC 3339 time with nanosecond digits, as container log timestamps are printed. */
export function rfc3339Nano(date: Date = new Date()): string {
  const iso = date.toISOString(); // 2024-01-02T03:04:05.678Z
  return `${iso.slice(0, 23)}000000Z`;
}

/** RFC 3339 time with microseconds, as metav1.MicroTime serializes. */
export function rfc3339Micro(date: Date = new Date()): string {
  const iso = date.toISOString();
  return `${iso.slice(0, 23)}000Z`;
}
