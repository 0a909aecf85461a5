const UNITS = ['bytes', 'kB', 'MB', 'GB', 'TB', 'PB'] as const

/** Bytes in decimal units, as file managers show disk space: 83807748096 → "83.8 GB". */
export function formatBytes(bytes: number): string {
  if (!Number.isFinite(bytes) || bytes < 0) return 'unknown'
  let value = bytes
  let unit = 0
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000
    unit++
  }
  const digits = unit === 0 || value >= 100 ? 0 : 1
  return `${value.toLocaleString('en', { maximumFractionDigits: digits })} ${UNITS[unit]}`
}
