import { readFile } from 'node:fs/promises'
import { join, resolve } from 'node:path'
import type { CollectionNodeDto, FileDetailDto, JobDto, Result, TagDto } from '../../src-preload/contract'
import { foldCase } from '../core/library/text-labels'
import type { TroveApp } from '../compose'
import { callAs, formatBytes, type Command, type CommandArgs } from './command'
import { unlocked } from './diary.commands'

interface ExportOutcome {
  folder: string
  manifest: string
  state: JobDto['state']
  complete: boolean
  exported: number
  bytes: number
  skipped: { name: string; folder: string; sha256: string | null; code: string; message: string }[]
  error: string | null
}

const fail = (code: 'INVALID_INPUT' | 'NOT_FOUND', message: string): Result<never> => ({ ok: false, error: { code, message } })
const call = <T>(app: TroveApp, method: string, input: unknown) => callAs(app, method, input) as Promise<Result<T>>

/** Resolves to the job once it has finished. */
function finished(app: TroveApp, jobId: string): Promise<JobDto> {
  return new Promise((done) => {
    const check = (job: JobDto | undefined) => {
      if (job && job.id === jobId && job.state !== 'running') {
        stop()
        done(job)
      }
    }
    const stop = app.jobs.onChange(check)
    check(app.jobs.get(jobId))
  })
}

async function selectionFrom(app: TroveApp, values: CommandArgs['values']): Promise<Result<unknown>> {
  const shas = (values.sha as string[] | undefined) ?? []
  const given = [typeof values.collection === 'string', typeof values.tag === 'string', shas.length > 0, values.diary === true].filter(Boolean).length
  if (given !== 1) return fail('INVALID_INPUT', 'Name exactly one of --collection C, --tag T, --sha SHA (repeatable) or --diary.')
  if (values.diary === true) {
    // The diary only on this explicit request, and only with the passphrase (from stdin).
    const status = await unlocked(app, values)
    return status.ok ? { ok: true, value: { kind: 'diary' } } : status
  }
  if (typeof values.tag === 'string') {
    const tags = await call<{ tags: TagDto[] }>(app, 'tags:list', {})
    if (!tags.ok) return tags
    const tag = tags.value.tags.find((t) => foldCase(t.name) === foldCase((values.tag as string).trim()))
    return tag ? { ok: true, value: { kind: 'tag', id: tag.id } } : fail('NOT_FOUND', `There is no tag named "${values.tag}".`)
  }
  if (typeof values.collection === 'string') {
    const tree = await call<{ roots: CollectionNodeDto[] }>(app, 'collections:tree', {})
    if (!tree.ok) return tree
    let level = tree.value.roots
    let found: CollectionNodeDto | undefined
    for (const name of (values.collection as string).split('/').map((n) => n.trim()).filter(Boolean)) {
      found = level.find((c) => foldCase(c.name) === foldCase(name))
      if (!found) return fail('NOT_FOUND', `There is no collection "${values.collection}" (no "${name}" at that level).`)
      level = found.children
    }
    return found ? { ok: true, value: { kind: 'collection', id: found.id } } : fail('INVALID_INPUT', 'Name a collection, e.g. --collection "Trips/2024".')
  }
  const fileIds: number[] = []
  for (const sha of shas) {
    const file = await call<FileDetailDto>(app, 'files:get', { sha256: sha })
    if (!file.ok) return file
    fileIds.push(file.value.id)
  }
  return { ok: true, value: { kind: 'files', fileIds } }
}

export const exportCommands: Record<string, Command> = {
  export: {
    usage: 'export <dest> [--collection A/B] [--tag T] [--sha SHA...]  |  export <dest> --diary --passphrase-stdin',
    summary: 'copy files out as a folder tree with their names, plus trove-export.json (tags, notes, sources, collections); or the diary as Markdown with its media',
    options: {
      collection: { type: 'string' }, tag: { type: 'string' }, sha: { type: 'string', multiple: true },
      diary: { type: 'boolean' }, 'passphrase-stdin': { type: 'boolean' },
    },
    async run(app, { positionals, values }) {
      if (positionals.length !== 1) return fail('INVALID_INPUT', 'Name one destination folder: export <dest> …')
      const selection = await selectionFrom(app, values)
      if (!selection.ok) return selection
      const started = await call<{ jobId: string; folder: string }>(app, 'export:run', { dest: resolve(positionals[0]!), selection: selection.value })
      if (!started.ok) return started
      const job = await finished(app, started.value.jobId)
      const { folder } = started.value
      const manifest = join(folder, 'trove-export.json')
      const sidecar = JSON.parse(await readFile(manifest, 'utf8').catch(() => '{}')) as { files?: { size: number }[]; skipped?: ExportOutcome['skipped']; complete?: boolean }
      const outcome: ExportOutcome = {
        folder, manifest, state: job.state, complete: sidecar.complete === true,
        // Diary items have no sidecar entries (nothing of the diary is written twice): the job counts them.
        exported: values.diary === true ? Math.max(0, job.itemsDone - (sidecar.skipped?.length ?? 0)) : (sidecar.files?.length ?? 0), bytes: job.bytesDone, skipped: sidecar.skipped ?? [], error: job.error,
      }
      return { ok: true, value: outcome }
    },
    human(value) {
      const o = value as ExportOutcome
      const lines = o.skipped.map((s) => `skipped: ${s.folder ? `${s.folder}/` : ''}${s.name} (${s.message})`)
      lines.push(`${o.exported} file(s), ${formatBytes(o.bytes)} exported to ${o.folder}${o.complete ? '' : ` — ${o.state}${o.error ? `: ${o.error}` : ''}, not complete`}`)
      return lines.join('\n')
    },
    exitCode: (value) => ((value as ExportOutcome).complete && (value as ExportOutcome).skipped.length === 0 ? 0 : 1),
  },
}
