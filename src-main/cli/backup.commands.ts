import { resolve } from 'node:path'
import type { BackupReportDto, BackupStatusDto, BackupVerifyReportDto, MoveReportDto, RestoreReportDto, Result } from '../../src-preload/contract'
import { callAs, formatBytes, type Command } from './command'
import { libraryCommands } from './library.commands'

const usage = (message: string): Result<never> => ({ ok: false, error: { code: 'INVALID_INPUT', message } })
const problemLines = (problems: Array<{ message: string }>) => problems.slice(0, 20).map((p) => `  problem: ${p.message}`).concat(problems.length > 20 ? [`  … and ${problems.length - 20} more`] : [])
const when = (ms: number | null) => (ms === null ? 'never' : ms === 0 ? 'now' : new Date(ms).toISOString())

/** `restore <sha>` takes a file out of the trash; `restore <backup> <new-library>` restores a backup. */
const trashRestore = libraryCommands.restore!
const isBackupRestore = (positionals: string[]) => positionals.length === 2

export const backupCommands: Record<string, Command> = {
  backup: {
    usage: 'backup <folder>',
    summary: 'back the library up into a folder (an earlier backup there is brought up to date; an interrupted one is continued)',
    run: (app, { positionals }) => (positionals.length === 1 ? callAs(app, 'backup:run', { destination: resolve(positionals[0]!) }) : Promise.resolve(usage('Name one backup folder: backup <folder>.'))),
    human(value) {
      const r = value as BackupReportDto
      return [
        `backup ${r.resumed ? 'continued and ' : ''}completed in ${r.destination}`,
        `  ${r.objectsCopied} file(s) copied and read back (${formatBytes(r.bytesCopied)}), ${r.objectsSkipped} already there`,
        `  ${r.manifest.counts.files} entries, ${r.manifest.counts.tags} tags, ${r.manifest.counts.collections} collections, ${r.manifest.vaultFiles} vault file(s)`,
        ...problemLines(r.problems),
      ].join('\n')
    },
    exitCode: (value) => ((value as BackupReportDto).problems.length ? 1 : 0),
  },
  'backup verify': {
    usage: 'backup verify <folder>',
    summary: 'read a backup back: every file against its name, the database against the manifest and its integrity check',
    run: (app, { positionals }) => (positionals.length === 1 ? callAs(app, 'backup:verify', { destination: resolve(positionals[0]!) }) : Promise.resolve(usage('Name the backup folder: backup verify <folder>.'))),
    human(value) {
      const r = value as BackupVerifyReportDto
      return [
        `${r.ok ? 'backup intact' : 'BACKUP DAMAGED'}: ${r.backup} (made ${r.manifest.createdAt})`,
        `  ${r.objectsChecked} file(s) read (${formatBytes(r.bytesChecked)})`,
        `  database: ${r.database.sha256Matches ? 'matches the manifest' : 'DOES NOT match the manifest'}, integrity ${r.database.integrity.length ? r.database.integrity.join('; ') : 'ok'}`,
        ...problemLines(r.problems),
      ].join('\n')
    },
    exitCode: (value) => ((value as BackupVerifyReportDto).ok ? 0 : 1),
  },
  'backup schedule': {
    usage: 'backup schedule [--folder DIR] [--interval off|daily|weekly]',
    summary: 'show or change the scheduled backup (run by the app, not by this command line)',
    options: { folder: { type: 'string' }, interval: { type: 'string' } },
    run: (app, { values }) => {
      const patch: Record<string, unknown> = {}
      if (typeof values.folder === 'string') patch.destination = resolve(values.folder)
      if (typeof values.interval === 'string') patch.interval = values.interval
      return Object.keys(patch).length ? callAs(app, 'backup:set-schedule', patch) : callAs(app, 'backup:status', {})
    },
    human(value) {
      const s = value as BackupStatusDto
      const last = s.last
      return [
        `schedule: ${s.schedule.interval}${s.schedule.destination ? ` to ${s.schedule.destination}` : ' (no folder chosen)'}; next: ${when(s.nextDueAt)}`,
        last ? `last backup: ${last.outcome} at ${new Date(last.finishedAt).toISOString()} to ${last.destination}${last.error ? ` (${last.error})` : ''}` : 'last backup: none',
        last?.verifiedAt ? `last verification: ${last.verifyOk ? 'intact' : `${last.verifyProblems} problem(s)`} at ${new Date(last.verifiedAt).toISOString()}` : 'last verification: none',
      ].join('\n')
    },
  },
  restore: {
    usage: 'restore <sha256-or-prefix>  |  restore <backup-folder> <new-library-folder>',
    summary: 'take a file out of the trash; or restore a backup into a new (empty) library folder',
    needsLibrary: ({ positionals }) => !isBackupRestore(positionals),
    run: (app, args) =>
      isBackupRestore(args.positionals)
        ? callAs(app, 'backup:restore', { backup: resolve(args.positionals[0]!), library: resolve(args.positionals[1]!) })
        : trashRestore.run(app, args),
    human(value) {
      if (!(value as RestoreReportDto).backupCreatedAt) return trashRestore.human(value)
      const r = value as RestoreReportDto
      return [
        `${r.ok ? 'restored' : 'restored WITH PROBLEMS'}: ${r.backup} (made ${r.backupCreatedAt}) into ${r.library}`,
        `  ${r.files} entries, ${r.tags} tags, ${r.collections} collections; ${r.objectsVerified} file(s) copied and checked (${formatBytes(r.bytes)}); ${r.vaultFiles} vault file(s)`,
        ...problemLines(r.problems),
        `open it with: --library ${r.library}`,
      ].join('\n')
    },
    exitCode: (value) => ((value as RestoreReportDto).backupCreatedAt && !(value as RestoreReportDto).ok ? 1 : 0),
  },
  move: {
    usage: 'move <new-folder>',
    summary: 'move the library to a new (empty) folder or drive: copy, verify, switch; the old folder is kept',
    run: (app, { positionals }) => (positionals.length === 1 ? callAs(app, 'library:move', { destination: resolve(positionals[0]!) }) : Promise.resolve(usage('Name the new folder: move <new-folder>.'))),
    human(value) {
      const r = value as MoveReportDto
      return [
        `library moved: ${r.from} → ${r.to}${r.remembered ? ' (opened from now on)' : ''}`,
        `  ${r.objectsVerified} file(s) copied and checked (${formatBytes(r.bytesCopied)}), ${r.vaultFiles} vault file(s), ${r.thumbsCopied} preview(s)`,
        ...problemLines(r.problems),
        `the old folder is untouched; delete it with: move delete-old ${r.from}`,
      ].join('\n')
    },
    exitCode: (value) => ((value as MoveReportDto).problems.length ? 1 : 0),
  },
  'move delete-old': {
    usage: 'move delete-old <old-folder>',
    summary: 'after a move: delete the old folder (refused unless it is an old copy of the open library)',
    run: (app, { positionals }) => (positionals.length === 1 ? callAs(app, 'library:delete-old-copy', { path: resolve(positionals[0]!) }) : Promise.resolve(usage('Name the old folder: move delete-old <folder>.'))),
    human: (value) => `deleted ${(value as { deleted: string }).deleted}`,
  },
}
