import type { Kysely } from 'kysely'
import { AppError } from '../common/app-error'
import type { Database } from '../db/schema'
import { refreshSearchEntry } from './search-index'

export const MAX_NOTE_CHARS = 100_000

/** A file's note: free text the person writes about it, searchable like its name. */
export class NotesService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Sets the note ('' clears it) and the file's search entry, in one transaction. */
  async set(fileId: number, note: string): Promise<void> {
    if (note.length > MAX_NOTE_CHARS) {
      throw new AppError('INVALID_INPUT', `A note has at most ${MAX_NOTE_CHARS.toLocaleString('en')} characters; this one has ${note.length.toLocaleString('en')}.`)
    }
    const text = note.normalize('NFC')
    await this.db.transaction().execute(async (trx) => {
      const result = await trx.updateTable('files').set({ note: text }).where('id', '=', fileId).executeTakeFirst()
      if (Number(result.numUpdatedRows) === 0) throw new AppError('NOT_FOUND', `There is no file with id ${fileId} in this library.`, { id: fileId })
      await refreshSearchEntry(trx, fileId)
    })
  }
}
