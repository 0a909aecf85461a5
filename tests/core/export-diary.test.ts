import { randomBytes } from 'node:crypto'
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import type { JobDto } from '../../src-preload/contract'
import { png } from '../support/images'
import { useDiaryApps, type DiaryApp } from '../support/diary'

const PASS = 'correct horse battery'

/** A minimal WebM as the app's voice recorder makes it: an EBML header, an Opus track, then noise. */
function voiceWebm(noise: number): Buffer {
  const docType = Buffer.concat([Buffer.from([0x42, 0x82, 0x84]), Buffer.from('webm')])
  const header = Buffer.concat([Buffer.from([0x1a, 0x45, 0xdf, 0xa3, 0x80 | docType.length]), docType])
  const track = Buffer.concat([Buffer.from([0x18, 0x53, 0x80, 0x67, 0x01, 0, 0, 0, 0, 0, 0, 0x20, 0x86, 0x86]), Buffer.from('A_OPUS')])
  return Buffer.concat([header, track, randomBytes(noise)])
}

function finished(d: DiaryApp, jobId: string): Promise<JobDto> {
  return new Promise((done) => {
    const check = (job: JobDto | undefined) => {
      if (job && job.id === jobId && job.state !== 'running') {
        stop()
        done(job)
      }
    }
    const stop = d.app.jobs.onChange(check)
    check(d.app.jobs.get(jobId))
  })
}

async function listTree(root: string): Promise<string[]> {
  const out: string[] = []
  for (const entry of await readdir(root, { withFileTypes: true, recursive: true })) {
    if (entry.isFile()) out.push(join(entry.parentPath, entry.name).slice(root.length + 1))
  }
  return out.sort()
}

describe('diary export', { timeout: 60_000 }, () => {
  const open = useDiaryApps()

  it('writes each entry as Markdown with front matter, and its media decrypted byte for byte beside it, linked', async () => {
    const d = await open()
    await d.ok('diary:setup', { passphrase: PASS })
    await mkdir(d.scratch, { recursive: true })
    const photo = await png(900, 600)
    const voice = voiceWebm(400_000)
    await writeFile(join(d.scratch, 'lake shore.png'), photo)
    await writeFile(join(d.scratch, 'voice-note.webm'), voice)
    const trip = await d.ok('diary:save', { date: '2025-08-01', title: 'Trip: to the lake?', body: 'We swam **twice**.\n\nCold water.', mood: 'good', tags: ['summer', 'lake'] })
    await d.ok('diary:attach', { entryId: trip.id, paths: [join(d.scratch, 'lake shore.png'), join(d.scratch, 'voice-note.webm')] })
    d.clock.advance(60_000)
    // Same date and title: a second, unique name; an untitled entry is named by its date.
    const again = await d.ok('diary:save', { date: '2025-08-01', title: 'Trip: to the lake?', body: 'Second visit.', mood: null, tags: [] })
    await d.ok('diary:attach', { entryId: again.id, paths: [join(d.scratch, 'voice-note.webm')] })
    await d.ok('diary:save', { date: '2025-07-30', title: '', body: 'Packing.', mood: null, tags: [] })

    const dest = join(d.scratch, 'out')
    const { jobId, folder } = await d.ok('export:run', { dest, selection: { kind: 'diary' } })
    const job = await finished(d, jobId)
    expect(job.state).toBe('completed')
    expect(folder).toBe(dest)
    expect(await listTree(dest)).toEqual([
      'Diary/2025-07-30.md',
      'Diary/2025-08-01 Trip_ to the lake_ (2).md',
      'Diary/2025-08-01 Trip_ to the lake_ (2)/voice-note.webm',
      'Diary/2025-08-01 Trip_ to the lake_.md',
      'Diary/2025-08-01 Trip_ to the lake_/lake shore.png',
      'Diary/2025-08-01 Trip_ to the lake_/voice-note.webm',
      'trove-export.json',
    ])
    const first = await readFile(join(dest, 'Diary', '2025-08-01 Trip_ to the lake_.md'), 'utf8')
    expect(first).toContain('---\ndate: "2025-08-01"\ntitle: "Trip: to the lake?"\nmood: "good"\ntags: ["summer","lake"]\n---\n')
    expect(first).toContain('# Trip: to the lake?\n\nWe swam **twice**.\n\nCold water.\n')
    expect(first).toContain('![lake shore.png](2025-08-01%20Trip_%20to%20the%20lake_/lake%20shore.png)')
    expect(first).toContain('[voice-note.webm](2025-08-01%20Trip_%20to%20the%20lake_/voice-note.webm)')
    expect(await readFile(join(dest, 'Diary', '2025-08-01 Trip_ to the lake_ (2).md'), 'utf8')).toContain('Second visit.')
    expect(await readFile(join(dest, 'Diary', '2025-07-30.md'), 'utf8')).toContain('mood: null\ntags: []\n---\n\nPacking.\n')
    // Every link resolves to a file of the export, holding the original bytes.
    for (const [, target] of first.matchAll(/\]\(([^)]+)\)/g)) {
      const bytes = await readFile(join(dest, 'Diary', ...target!.split('/').map(decodeURIComponent)))
      expect(bytes.equals(target!.endsWith('.png') ? photo : voice)).toBe(true)
    }
    expect((await readFile(join(dest, 'Diary', '2025-08-01 Trip_ to the lake_ (2)', 'voice-note.webm'))).equals(voice)).toBe(true)
    const sidecar = JSON.parse(await readFile(join(dest, 'trove-export.json'), 'utf8'))
    expect(sidecar).toMatchObject({ source: { kind: 'diary', entries: 3 }, complete: true, skipped: [] })
  })

  it('is refused with VAULT_LOCKED while the diary is locked, and writes nothing', async () => {
    const d = await open()
    await d.ok('diary:setup', { passphrase: PASS })
    await d.ok('diary:save', { date: '2025-08-01', title: 'Secret', body: 'not for export', mood: null, tags: [] })
    await d.ok('diary:lock', {})
    const dest = join(d.scratch, 'out')
    const answer = await d.call('export:run', { dest, selection: { kind: 'diary' } })
    expect(answer).toMatchObject({ ok: false, error: { code: 'VAULT_LOCKED' } })
    await expect(readdir(dest)).rejects.toMatchObject({ code: 'ENOENT' })
    expect(d.app.jobs.list().filter((j) => j.kind === 'export')).toEqual([])
  })
})
