import type { Kysely } from 'kysely'
import { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type { DiaryProblemDto, DiaryVerifyReportDto } from '../../../src-preload/contract/diary'
import { errnoOf, isAppError } from '../common/app-error'
import type { Clock } from '../common/clock'
import type { FsSeam } from '../common/fs-seam'
import type { Database } from '../db/schema'
import { openBuffer, openSealedFile } from '../vault/sealed-media'
import type { DiaryObjects } from './diary-objects'
import { openEntry, openMedia, type EntryContent } from './diary-rows'
import type { DiaryVault } from './diary-vault'

export interface DiaryVerifyDeps {
  db: Kysely<Database>
  fs: FsSeam
  clock: Clock
  vault: DiaryVault
  objects: DiaryObjects
}

/**
 * Decrypts everything the diary holds, from disk (not from memory): every entry row, every
 * media item's details, its whole encrypted file (streamed, every chunk's tag checked) and its
 * thumbnail. Each failure is reported by id, with the entry's date and title when they open.
 */
export async function verifyDiary(deps: DiaryVerifyDeps): Promise<DiaryVerifyReportDto> {
  const started = deps.clock.now()
  return deps.vault.use(async (key) => {
    const problems: DiaryProblemDto[] = []
    const opened = new Map<string, EntryContent>()
    const entries = await deps.db.selectFrom('diary_entries').selectAll().execute()
    for (const row of entries) {
      try {
        opened.set(row.id, openEntry(key, row.id, row.sealed))
      } catch (err) {
        if (!isAppError(err) || err.code !== 'CORRUPT') throw err
        problems.push({ kind: 'entry', id: row.id, entryId: row.id, message: `Entry ${row.id} is damaged: its text cannot be decrypted.` })
      }
    }
    const describe = (entryId: string) => {
      const entry = opened.get(entryId)
      return entry ? `entry of ${entry.date} "${entry.title}"` : `entry ${entryId}`
    }
    const media = await deps.db.selectFrom('diary_media').selectAll().execute()
    for (const row of media) {
      let label = `media ${row.id}`
      try {
        const meta = openMedia(key, row)
        label = `${meta.kind} "${meta.name}" (media ${row.id})`
        const file = await openSealedFile(deps.fs, key, deps.objects.pathOf(row.object_name))
        await pipeline(file.createReadStream(), new Writable({ write: (_chunk, _enc, done) => done() }))
      } catch (err) {
        problems.push({ kind: 'media', id: row.id, entryId: row.entry_id, message: `The ${label} of the ${describe(row.entry_id)} ${reason(err)}.` })
        if (!isExpected(err)) throw err
        continue
      }
      if (row.thumb_name) {
        try {
          await openBuffer(key, await deps.objects.readSmall(row.thumb_name))
        } catch (err) {
          if (!isExpected(err)) throw err
          problems.push({ kind: 'thumb', id: row.id, entryId: row.entry_id, message: `The thumbnail of the ${label} of the ${describe(row.entry_id)} ${reason(err)}.` })
        }
      }
    }
    return { entries: entries.length, media: media.length, problems, seconds: (deps.clock.now() - started) / 1000 }
  })
}

const isExpected = (err: unknown) => errnoOf(err) === 'ENOENT' || (isAppError(err) && (err.code === 'CORRUPT' || err.code === 'NOT_FOUND'))
const reason = (err: unknown) => (errnoOf(err) === 'ENOENT' || (isAppError(err) && err.code === 'NOT_FOUND') ? 'is missing from the library folder' : 'is damaged and cannot be decrypted')
