const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** A duration as the table shows it: `45m`, `3h 20m`, `2d 4h`. */
export function formatDuration(ms: number): string {
  const total = Math.max(0, ms);
  if (total < HOUR) return `${Math.floor(total / MINUTE)}m`;
  if (total < DAY) {
    const minutes = Math.floor((total % HOUR) / MINUTE);
    return `${Math.floor(total / HOUR)}h${minutes ? ` ${minutes}m` : ''}`;
  }
  const hours = Math.floor((total % DAY) / HOUR);
  return `${Math.floor(total / DAY)}d${hours ? ` ${hours}h` : ''}`;
}

/** How long ago something happened, e.g. `2h` for a vCluster's age. */
export function formatAge(iso: string, now: number = Date.now()): string {
  return formatDuration(now - Date.parse(iso));
}

/** Time until the TTL deletes the vCluster, or `expired` once it has passed. */
export function formatTtlLeft(
  expiresAt: string,
  now: number = Date.now(),
): string {
  const left = Date.parse(expiresAt) - now;
  return left <= 0 ? 'expired' : formatDuration(left);
}

/** Bytes in binary units, e.g. `512 MiB`. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${Number.isInteger(value) ? value : value.toFixed(1)} ${units[unit]}`;
}

/** Millicores as cores, e.g. `0.25 CPU`. */
export function formatCpu(millicores: number): string {
  return `${Number((millicores / 1000).toFixed(2))} CPU`;
}
