import type { JobDto } from '../../../src-preload/contract'
import type { ImportEntry, ImportProgress, ImportsSnapshot } from './types'

export function progressOf(entry: ImportEntry): ImportProgress {
  if (entry.kind === 'paths') {
    const job = entry.job
    return {
      running: entry.finishedAt === null,
      itemsDone: job?.itemsDone ?? 0, itemsTotal: job?.itemsTotal ?? null,
      bytesDone: job?.bytesDone ?? 0, bytesTotal: job?.bytesTotal ?? null,
      current: job?.current ?? null,
    }
  }
  const uploading = entry.items.filter((i) => i.state === 'uploading' || i.state === 'finishing')
  return {
    running: entry.finishedAt === null,
    itemsDone: entry.items.filter((i) => i.state === 'done' || i.state === 'cancelled').length,
    itemsTotal: entry.items.length,
    // A file that is done counts whole, whatever became of it: this is work done, not bytes stored.
    bytesDone: entry.items.reduce((n, i) => n + (i.state === 'done' || i.state === 'cancelled' ? i.size : Math.min(i.received, i.size)), 0),
    bytesTotal: entry.items.reduce((n, i) => n + i.size, 0),
    current: uploading.length ? uploading.map((i) => i.name).join(', ') : null,
  }
}

export const jobProgress = (job: JobDto): ImportProgress => ({
  running: job.state === 'running', itemsDone: job.itemsDone, itemsTotal: job.itemsTotal, bytesDone: job.bytesDone, bytesTotal: job.bytesTotal, current: job.current,
})

/** 0–100 from bytes when their total is known, else from items; null while nothing is counted yet. */
export function percentOf(progress: Pick<ImportProgress, 'itemsDone' | 'itemsTotal' | 'bytesDone' | 'bytesTotal'>): number | null {
  if (progress.bytesTotal) return Math.min(100, (progress.bytesDone / progress.bytesTotal) * 100)
  if (progress.itemsTotal) return Math.min(100, (progress.itemsDone / progress.itemsTotal) * 100)
  return null
}

export interface RunningWork {
  /** Jobs of main and this window's uploads that are running. */
  count: number
  /** One line for the header: the only thing running, or how many. */
  label: string
  percent: number | null
}

/** What is running now, for the header: main's jobs and this window's uploads together. */
export function runningWork(snapshot: ImportsSnapshot): RunningWork {
  const jobs = snapshot.jobs.filter((j) => j.state === 'running')
  const uploads = snapshot.entries.filter((e) => e.kind === 'uploads' && e.finishedAt === null)
  const parts = [...jobs.map(jobProgress), ...uploads.map(progressOf)]
  const count = parts.length
  const sum = (pick: (p: ImportProgress) => number | null) => parts.reduce((n, p) => n + (pick(p) ?? 0), 0)
  const allBytes = parts.every((p) => p.bytesTotal)
  const allItems = parts.every((p) => p.itemsTotal)
  const percent = count === 0 ? null : allBytes
    ? percentOf({ itemsDone: 0, itemsTotal: null, bytesDone: sum((p) => p.bytesDone), bytesTotal: sum((p) => p.bytesTotal) })
    : allItems ? percentOf({ itemsDone: sum((p) => p.itemsDone), itemsTotal: sum((p) => p.itemsTotal), bytesDone: 0, bytesTotal: null }) : null
  let label = `${count} jobs running`
  if (count === 1) {
    const upload = uploads[0]
    label = upload ? `Uploading ${upload.label}` : (jobs[0]?.label ?? '1 job running')
  }
  return { count, label, percent }
}
