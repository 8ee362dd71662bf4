/** How durations and sizes read in logs and summaries. */

/** 1h2m3s, 30m, 45s. */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const h = Math.floor(totalSeconds / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const parts = [h ? `${h}h` : '', m ? `${m}m` : '', s || (!h && !m) ? `${s}s` : ''];
  return parts.join('');
}

/** An age rule as written: `30d` for whole days, else as durations read elsewhere. */
export function formatAge(ms: number): string {
  const day = 86_400_000;
  return ms >= day && ms % day === 0 ? `${ms / day}d` : formatDuration(ms);
}

/** 64.0 MiB. */
export function formatBytes(bytes: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${unit === 0 ? value : value.toFixed(1)} ${units[unit]}`;
}

/** An API address as people copy it: the base URL (without its trailing slash) and the path. */
export function apiUrl(baseUrl: URL, path: string): string {
  return `${baseUrl.href.replace(/\/$/, '')}${path}`;
}
