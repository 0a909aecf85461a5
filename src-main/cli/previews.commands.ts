import type { FileDetailDto, PreviewStatusDto } from '../../src-preload/contract'
import { callAs, type Command } from './command'

interface PreviewRunDto {
  made: number
  failed: number
  seconds: number
  status: PreviewStatusDto
}

function describeStatus(s: PreviewStatusDto): string {
  const { pending, done, failed, none } = s.counts
  const lines = [`${done} done, ${pending} pending, ${failed} failed, ${none} without a preview${s.running ? ' (making previews now)' : ''}`]
  for (const f of s.failures) lines.push(`  ✗ ${f.name} (${f.sha256.slice(0, 12)}): ${f.reason}`)
  if (failed > s.failures.length) lines.push(`  … ${failed - s.failures.length} more failures`)
  return lines.join('\n')
}

export const previewsCommands: Record<string, Command> = {
  'preview status': {
    usage: 'preview status',
    summary: 'previews by state (done, pending, failed, none) and the latest failures with their reasons',
    run: (app) => callAs(app, 'previews:status', {}),
    human: (value) => describeStatus(value as PreviewStatusDto),
  },
  'preview run': {
    usage: 'preview run',
    summary: 'make every pending preview now (progress on stderr); exit 1 if any failed',
    async run(app) {
      const previews = app.libraries.require().previews
      const started = Date.now()
      const tally = { made: 0, failed: 0 }
      const stopChanges = previews.onChange((c) => {
        if (c.state === 'done') tally.made++
        if (c.state === 'failed') tally.failed++
      })
      let lastLine = 0
      const stopJobs = app.jobs.onChange((job) => {
        if (job.kind !== 'previews' || Date.now() - lastLine < 500) return
        lastLine = Date.now()
        process.stderr.write(`previews: ${job.itemsDone}${job.itemsTotal ? `/${job.itemsTotal}` : ''}${job.current ? `  ${job.current}` : ''}\n`)
      })
      try {
        previews.poke()
        await previews.idle()
      } finally {
        stopChanges()
        stopJobs()
      }
      const status = await callAs(app, 'previews:status', {})
      if (!status.ok) return status
      return { ok: true, value: { ...tally, seconds: (Date.now() - started) / 1000, status: status.value as PreviewStatusDto } satisfies PreviewRunDto }
    },
    human(value) {
      const v = value as PreviewRunDto
      return `${v.made} made, ${v.failed} failed in ${v.seconds.toFixed(1)} s\n${describeStatus(v.status)}`
    },
    exitCode: (value) => ((value as PreviewRunDto).failed > 0 ? 1 : 0),
  },
  'preview retry': {
    usage: 'preview retry <sha>',
    summary: "make one file's preview again (a SHA-256 or its first 6+ characters) and wait for the outcome",
    async run(app, { positionals }) {
      if (positionals.length !== 1) return { ok: false, error: { code: 'INVALID_INPUT', message: 'Name one file by its SHA-256 (or its first 6 characters or more).' } }
      const found = await callAs(app, 'files:get', { sha256: positionals[0] })
      if (!found.ok) return found
      const file = found.value as FileDetailDto
      const retried = await callAs(app, 'previews:retry', { fileId: file.id })
      if (!retried.ok) return retried
      const previews = app.libraries.require().previews
      await previews.idle()
      const { state, reason } = await previews.stateOf(file.id)
      return { ok: true, value: { fileId: file.id, sha256: file.sha256, name: file.name, state, reason } }
    },
    human(value) {
      const v = value as { name: string; state: string; reason: string | null }
      return `${v.name}: ${v.state}${v.reason ? ` — ${v.reason}` : ''}`
    },
    exitCode: (value) => ((value as { state: string }).state === 'failed' ? 1 : 0),
  },
}
