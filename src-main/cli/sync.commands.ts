import { resolve } from 'node:path'
import type { SyncOperationDto, WatchedFolderDto } from '../../src-preload/contract'
import { callAs, formatBytes, type Command } from './command'

/** One line per operation: what ran, how it ended, the counts. */
export function describeOperation(op: SyncOperationDto): string {
  const seconds = op.durationMs === null ? '' : ` in ${(op.durationMs / 1000).toFixed(1)} s`
  const counts = `${op.filesScanned} looked at, ${op.filesAdded} added, ${op.filesUpdated} updated, ${op.filesRemoved} removed, ${op.filesHashed} read (${formatBytes(op.bytesHashed)})`
  const lines = [`#${op.id} ${op.type} ${op.folderPath}: ${op.status}${seconds}: ${counts}${op.error ? ` — ${op.error}` : ''}`]
  for (const e of op.errors.slice(0, 20)) lines.push(`  ! ${e.path}: ${e.message} [${e.code}]`)
  if (op.errors.length > 20) lines.push(`  … ${op.errors.length - 20} more`)
  return lines.join('\n')
}

function describeFolder(f: WatchedFolderDto): string {
  const last = f.lastScanAt ? new Date(f.lastScanAt).toISOString() : 'never'
  const lines = [
    `#${f.id} ${f.path} (${f.mode}${f.enabled ? '' : ', disabled'}): ${f.status}${f.pollingReason ? ` (polling: ${f.pollingReason})` : ''}`,
    `    ${f.counts.files} files, ${f.counts.entries} entries, ${formatBytes(f.counts.bytes)}; last scan ${last}`,
  ]
  if (f.ignore.length) lines.push(`    ignoring ${f.ignore.join(' ')}`)
  if (f.lastError) lines.push(`    ${f.lastError}`)
  return lines.join('\n')
}

const folderIdOf = (positional: string | undefined): number | null => {
  const id = Number(positional)
  return Number.isSafeInteger(id) && id > 0 ? id : null
}
const badId = (what: string) => ({ ok: false as const, error: { code: 'INVALID_INPUT' as const, message: `${what} needs a folder id (see \`watch list\`).` } })

export const syncCommands: Record<string, Command> = {
  'watch add': {
    usage: 'watch add <dir> [--mode index|import] [--ignore GLOB]...',
    summary: 'watch a folder (index in place, or import copies) and scan it once now',
    options: { mode: { type: 'string' }, ignore: { type: 'string', multiple: true } },
    async run(app, { positionals, values }) {
      if (positionals.length !== 1) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Name one folder to watch.' } }
      const added = await callAs(app, 'sync:add-folder', { path: resolve(positionals[0]!), mode: values.mode, ignore: values.ignore })
      if (!added.ok) return added
      const folder = added.value as WatchedFolderDto
      const scanned = await callAs(app, 'sync:scan', { folderId: folder.id })
      if (!scanned.ok) return scanned
      const [operation] = (scanned.value as { operations: SyncOperationDto[] }).operations
      const listed = await callAs(app, 'sync:list-folders', {})
      const now = listed.ok ? (listed.value as { folders: WatchedFolderDto[] }).folders.find((f) => f.id === folder.id) : undefined
      return { ok: true, value: { folder: now ?? folder, operation: operation ?? null } }
    },
    human(value) {
      const v = value as { folder: WatchedFolderDto; operation: SyncOperationDto | null }
      return [describeFolder(v.folder), ...(v.operation ? [describeOperation(v.operation)] : [])].join('\n')
    },
  },
  'watch list': {
    usage: 'watch list',
    summary: 'watched folders with their status and counts',
    run: (app) => callAs(app, 'sync:list-folders', {}),
    human(value) {
      const { folders } = value as { folders: WatchedFolderDto[] }
      return folders.length ? folders.map(describeFolder).join('\n') : 'no folder is watched'
    },
  },
  'watch remove': {
    usage: 'watch remove <id> [--keep-entries]',
    summary: 'stop watching; entries whose bytes were only there go to the trash unless --keep-entries',
    options: { 'keep-entries': { type: 'boolean', default: false } },
    run(app, { positionals, values }) {
      const folderId = folderIdOf(positionals[0])
      if (folderId === null) return Promise.resolve(badId('watch remove'))
      return callAs(app, 'sync:remove-folder', { folderId, keepEntries: values['keep-entries'] === true })
    },
    human(value) {
      const v = value as { sourcesRetired: number; trashed: number }
      return `removed: ${v.sourcesRetired} sources retired, ${v.trashed} entries moved to the trash`
    },
  },
  'watch run': {
    usage: 'watch run',
    summary: 'watch every enabled folder in the foreground (one JSON line per change) until Ctrl+C or SIGTERM',
    async run(app) {
      const sync = app.libraries.require().sync
      let changes = 0
      const offApplied = sync.onApplied((applied) => {
        for (const change of applied) process.stdout.write(`${JSON.stringify({ time: new Date().toISOString(), ...change })}\n`)
        changes += applied.length
      })
      const offStatus = sync.onChange((e) => {
        if (e.folder) process.stderr.write(`#${e.folderId} ${e.folder.path}: ${e.folder.status}${e.folder.lastError ? ` (${e.folder.lastError})` : ''}\n`)
      })
      const stopped = new Promise<string>((resolve) => {
        const on = (signal: NodeJS.Signals) => () => {
          process.off('SIGINT', onInt)
          process.off('SIGTERM', onTerm)
          resolve(signal)
        }
        const onInt = on('SIGINT')
        const onTerm = on('SIGTERM')
        process.once('SIGINT', onInt)
        process.once('SIGTERM', onTerm)
      })
      sync.start()
      const signal = await stopped
      offApplied()
      offStatus()
      // The library is closed by the caller once this returns (watchers stopped, scans cancelled, rows written).
      await sync.stop()
      return { ok: true, value: { stopped: signal, changes } }
    },
    human: (value) => JSON.stringify(value),
  },
  scan: {
    usage: 'scan [<id>]',
    summary: 'reconcile one watched folder (or every enabled one) now and print each operation',
    run(app, { positionals }) {
      if (positionals.length === 0) return callAs(app, 'sync:scan', {})
      const folderId = folderIdOf(positionals[0])
      return folderId === null ? Promise.resolve(badId('scan')) : callAs(app, 'sync:scan', { folderId })
    },
    human(value) {
      const { operations } = value as { operations: SyncOperationDto[] }
      return operations.length ? operations.map(describeOperation).join('\n') : 'no enabled folder to scan'
    },
    exitCode: (value) => ((value as { operations: SyncOperationDto[] }).operations.some((o) => o.status === 'failed') ? 1 : 0),
  },
  'sync history': {
    usage: 'sync history [<id>] [--limit N]',
    summary: 'sync operations, newest first, of one folder or all',
    options: { limit: { type: 'string' } },
    run(app, { positionals, values }) {
      const folderId = positionals[0] === undefined ? undefined : folderIdOf(positionals[0])
      if (folderId === null) return Promise.resolve(badId('sync history'))
      const limit = values.limit === undefined ? undefined : Number(values.limit)
      return callAs(app, 'sync:history', { folderId, limit })
    },
    human(value) {
      const { operations } = value as { operations: SyncOperationDto[] }
      return operations.length ? operations.map(describeOperation).join('\n') : 'no sync operations yet'
    },
  },
}
