/** Numbers of the zip format (PKWARE APPNOTE 6.3) that the writer and its directory share. */
export const UTF8_NAMES = 0x0800;
export const VERSION_20 = 20;
export const VERSION_ZIP64 = 45;
/** "Version made by": host Unix, so unzip applies the external attributes' file mode. */
export const MADE_BY_UNIX = 3 << 8;
export const MAX_16 = 0xffff;
export const MAX_32 = 0xffffffff;

/**
 * MS-DOS time and date (2-second steps, 1980-2107) in UTC: the zip format has no zone, and
 * the server's zone says nothing about the user's.
 */
export function dosDateTime(at: Date): { time: number; date: number } {
  const year = at.getUTCFullYear();
  if (Number.isNaN(year) || year < 1980) return { time: 0, date: (1 << 5) | 1 };
  if (year > 2107) return { time: (23 << 11) | (59 << 5) | 29, date: (127 << 9) | (12 << 5) | 31 };
  return {
    time: (at.getUTCHours() << 11) | (at.getUTCMinutes() << 5) | (at.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((at.getUTCMonth() + 1) << 5) | at.getUTCDate(),
  };
}
