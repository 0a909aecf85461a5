const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' })
const dateOnly = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium' })

/** Epoch milliseconds as a local date and time: "4 Jul 2021, 10:20". */
export function formatDateTime(ms: number | null | undefined): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? dateTime.format(ms) : '—'
}

/** Epoch milliseconds as a local date: "4 Jul 2021". */
export function formatDate(ms: number | null | undefined): string {
  return typeof ms === 'number' && Number.isFinite(ms) ? dateOnly.format(ms) : '—'
}

/** `yyyy-mm-dd` (a native date input's value) as local midnight, or at the end of that day. */
export function parseDateInput(value: string, endOfDay = false): number | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value)
  if (!match) return undefined
  const date = new Date(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  if (endOfDay) date.setHours(23, 59, 59, 999)
  const ms = date.getTime()
  return Number.isFinite(ms) && ms >= 0 ? ms : undefined
}

/** Seconds as m:ss or h:mm:ss. */
export function formatDuration(seconds: number): string {
  const s = Math.round(seconds)
  const h = Math.floor(s / 3600)
  const m = Math.floor((s % 3600) / 60)
  const rest = String(s % 60).padStart(2, '0')
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${rest}` : `${m}:${rest}`
}
