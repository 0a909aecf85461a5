import { join } from 'node:path'
import type { Clock } from '../common/clock'
import { fromFsError } from '../common/app-error'
import type { FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import type { JobRegistry } from '../jobs/job-registry'
import { chooseExportFolder } from './export-destination'
import type { ExportSource } from './export-source'
import { ExportWriter, MANIFEST_NAME, MANIFEST_PARTIAL_NAME, type SkippedItem } from './export-writer'

export interface ExportReport {
  /** The folder the export was written into (the destination or a fresh subfolder of it). */
  folder: string
  /** The sidecar, `trove-export.json` in that folder. */
  manifest: string
  exported: number
  bytes: number
  skipped: SkippedItem[]
  /** False when the export was cancelled or failed part way (the sidecar says so too). */
  complete: boolean
}

export interface ExportDeps {
  fs: FsSeam
  jobs: JobRegistry
  clock: Clock
  logger: Logger
  libraryRoot: string
  appVersion: string
}

/**
 * Runs an export as a job: picks a folder that holds nothing yet, writes every item of the
 * source into it, and streams the sidecar (`trove-export.json`) as files are written: under
 * a `.partial` name until the end, so an export cut short by a crash is never mistaken for
 * a complete one. Cancelled or failed exports keep what was written and say so in the sidecar.
 */
export async function startExport(deps: ExportDeps, source: ExportSource, dest: string): Promise<{ jobId: string; folder: string; done: Promise<ExportReport> }> {
  const folder = await chooseExportFolder(deps.fs, dest, source.label, deps.libraryRoot)
  const job = deps.jobs.start('export', `Exporting ${source.label}`)
  const done = runExport(deps, source, folder, job)
  done.catch(() => undefined)
  return { jobId: job.id, folder, done }
}

async function runExport(deps: ExportDeps, source: ExportSource, folder: string, job: ReturnType<JobRegistry['start']>): Promise<ExportReport> {
  const partial = join(folder, MANIFEST_PARTIAL_NAME)
  const manifest = join(folder, MANIFEST_NAME)
  const report: ExportReport = { folder, manifest, exported: 0, bytes: 0, skipped: [], complete: false }
  let sidecar
  try {
    sidecar = await deps.fs.open(partial, 'wx', 0o644)
  } catch (err) {
    job.finish('failed', { error: String((fromFsError(err, 'create', partial) as Error).message) })
    throw fromFsError(err, 'create', partial)
  }
  let failure: unknown
  try {
    const header = { format: 'trove-export', version: 1, app: { name: 'Trove', version: deps.appVersion }, exportedAt: new Date(deps.clock.now()).toISOString(), source: source.description }
    await sidecar.write(`${JSON.stringify(header).slice(0, -1)},"files":[\n`)
    const total = await source.count()
    job.update({ itemsTotal: total })
    const writer = new ExportWriter(deps.fs, folder)
    let first = true
    for await (const item of source.items(job.signal)) {
      job.signal.throwIfAborted()
      job.update({ current: item.name })
      const outcome = await writer.write(item, job.signal, (n) => job.update({ bytesDone: (report.bytes += n) }))
      if ('skipped' in outcome) report.skipped.push(outcome.skipped)
      else {
        report.exported++
        if (item.record) {
          await sidecar.write(`${first ? '' : ',\n'}${JSON.stringify({ path: outcome.path, ...item.record })}`)
          first = false
        }
      }
      job.update({ itemsDone: report.exported + report.skipped.length })
    }
    await writer.syncFolders()
    report.complete = true
  } catch (err) {
    failure = err
  }
  try {
    await sidecar.write(`\n],"skipped":${JSON.stringify(report.skipped)},"complete":${report.complete}}\n`)
    await sidecar.sync()
    await sidecar.close()
    await deps.fs.rename(partial, manifest)
  } catch (err) {
    await sidecar.close().catch(() => undefined)
    failure ??= fromFsError(err, 'write', manifest)
  }
  const summary = `${report.exported} file(s) exported${report.skipped.length ? `, ${report.skipped.length} skipped` : ''}`
  if (failure === undefined) {
    job.finish('completed', { summary })
    return report
  }
  if (job.signal.aborted) {
    job.finish('cancelled', { summary })
    return report
  }
  deps.logger.warn('export failed', { folder, exported: report.exported, error: failure })
  job.finish('failed', { summary, error: failure instanceof Error ? failure.message : String(failure) })
  throw failure
}
