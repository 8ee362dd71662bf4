/** How durations and sizes read in logs and summaries. */

/**
 * The one way a duration reads in logs, summaries and the demo: "45 s", "1 min 35 s", "30 min",
 * "1 h 5 min 3 s", "2 d" (whole seconds; a unit only when not zero).
 */
export function formatDuration(ms: number): string {
  const totalSeconds = Math.round(ms / 1000);
  const d = Math.floor(totalSeconds / 86_400);
  const h = Math.floor((totalSeconds % 86_400) / 3600);
  const m = Math.floor((totalSeconds % 3600) / 60);
  const s = totalSeconds % 60;
  const parts = [d ? `${d} d` : '', h ? `${h} h` : '', m ? `${m} min` : '', s || totalSeconds === 0 ? `${s} s` : ''];
  return parts.filter((part) => part !== '').join(' ');
}

/** "1 collection", "2 collections", "0 backups": the count with the word that fits it. */
export function countOf(count: number, singular: string, plural = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : plural}`;
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
