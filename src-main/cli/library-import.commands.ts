import { resolve } from 'node:path'
import type { LibrarySettingsDto, VerifyReportDto } from '../../src-preload/contract'
import type { ImportSummary } from '../core/ingest/import-service'
import { callAs, formatBytes, type Command } from './command'

const OUTCOME_MARK: Record<string, string> = { stored: '+', duplicate: '=', rejected: '!', failed: 'x' }

export const importCommands: Record<string, Command> = {
  settings: {
    usage: 'settings [--max-file-bytes N] [--trash-days N]',
    summary: "show the library's settings, or change them",
    options: { 'max-file-bytes': { type: 'string' }, 'trash-days': { type: 'string' } },
    async run(app, { values }) {
      const patch: Record<string, number> = {}
      if (values['max-file-bytes'] !== undefined) patch.maxFileBytes = Number(values['max-file-bytes'])
      if (values['trash-days'] !== undefined) patch.trashRetentionDays = Number(values['trash-days'])
      return Object.keys(patch).length ? callAs(app, 'library:set-settings', patch) : callAs(app, 'library:get-settings', {})
    },
    human(value) {
      const s = value as LibrarySettingsDto
      return `largest file accepted: ${formatBytes(s.maxFileBytes)} (${s.maxFileBytes} bytes)\ntrash kept for: ${s.trashRetentionDays} days`
    },
  },
  import: {
    usage: 'import <path...> [--flat]',
    summary: 'import files and folders (folders become collections unless --flat); per-file outcomes and a summary',
    options: { flat: { type: 'boolean', default: false } },
    async run(app, { positionals, values }) {
      if (positionals.length === 0) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Name at least one file or folder to import.' } }
      const started = await callAs(app, 'library:import', { paths: positionals.map((p) => resolve(p)), keepFolders: !values.flat })
      if (!started.ok) return started
      const { batchId } = started.value as { batchId: string }
      const summary = await app.libraries.require().imports.result(batchId)!
      return { ok: true, value: summary }
    },
    human(value) {
      const s = value as ImportSummary
      const lines = s.files.map((f) => `${OUTCOME_MARK[f.outcome]} ${f.path}${f.reasonMessage ? `  (${f.reasonMessage})` : ''}`)
      lines.push(`${s.stored} stored, ${s.duplicate} duplicate, ${s.rejected} rejected, ${s.failed} failed; ${formatBytes(s.bytes)} in ${s.seconds.toFixed(1)} s`)
      return lines.join('\n')
    },
    exitCode: (value) => ((value as ImportSummary).rejected + (value as ImportSummary).failed > 0 ? 1 : 0),
  },
  verify: {
    usage: 'verify',
    summary: 're-hash every object; report missing, corrupt and orphan objects (exit 1 if any is missing or corrupt)',
    run: (app) => callAs(app, 'library:verify', {}),
    human(value) {
      const r = value as VerifyReportDto
      const lines = [`${r.checked} files checked, ${formatBytes(r.bytes)} in ${r.seconds.toFixed(1)} s`]
      for (const m of r.missing) lines.push(`missing: ${m.name ?? '?'} (${m.sha256}) expected at ${m.path}`)
      for (const c of r.corrupt) lines.push(`corrupt: ${c.name ?? '?'} (${c.sha256}) at ${c.path}`)
      for (const o of r.orphans) lines.push(`orphan (no entry): ${o.path}`)
      if (!r.missing.length && !r.corrupt.length) lines.push('everything is intact')
      return lines.join('\n')
    },
    exitCode: (value) => ((value as VerifyReportDto).missing.length + (value as VerifyReportDto).corrupt.length > 0 ? 1 : 0),
  },
}
