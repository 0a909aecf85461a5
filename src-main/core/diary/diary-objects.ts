import { join } from 'node:path'
import { AppError, errnoOf } from '../common/app-error'
import { fsyncDirectory, writeFileAtomic, type FsSeam } from '../common/fs-seam'
import type { Logger } from '../common/logger'
import { newDiaryId } from './diary-rows'

const OBJECT_NAME = /^[0-9a-f]{32}\.tve$/

/**
 * The diary's encrypted files in vault/objects/: random names (never hashes of the plaintext,
 * which would tell equal photos apart from different ones), only ever named by the database.
 */
export class DiaryObjects {
  /** Names this process handed out: never a leftover of an earlier run, whatever their age. */
  private readonly mine = new Set<string>()

  constructor(
    private readonly fs: FsSeam,
    readonly dir: string,
    private readonly logger: Logger,
  ) {}

  newName(): string {
    const name = `${newDiaryId()}.tve`
    this.mine.add(name)
    return name
  }

  pathOf(name: string): string {
    if (!OBJECT_NAME.test(name)) throw new AppError('CORRUPT', 'A diary row names an encrypted file that cannot be one of the diary\'s.')
    return join(this.dir, name)
  }

  /** Writes a small sealed blob (a thumbnail) so that no reader sees part of it. */
  async writeSmall(name: string, sealed: Uint8Array): Promise<void> {
    await this.fs.mkdir(this.dir, { recursive: true })
    await writeFileAtomic(this.fs, this.pathOf(name), sealed)
  }

  async readSmall(name: string): Promise<Buffer> {
    return this.fs.readFile(this.pathOf(name))
  }

  /**
   * Removes what a crash left in vault/objects/: encrypted files no row names (the row was never
   * committed) and half-written temp files. Those last changed before `openedAt` (this library's
   * opening: a run that ended, e.g. killed mid-attach) go at once, as tmp/ is emptied at start-up;
   * newer ones only once older than `graceMs` (an attach may be under way), and never a name
   * this process made. Only ciphertext is ever there; this is tidiness, not secrecy. Needs no key.
   */
  async sweep(referenced: Set<string>, now: number, graceMs: number, openedAt = Number.NEGATIVE_INFINITY): Promise<number> {
    let entries: string[]
    try {
      entries = await this.fs.readdir(this.dir)
    } catch (err) {
      if (errnoOf(err) === 'ENOENT') return 0
      throw err
    }
    const stale: string[] = []
    for (const entry of entries) {
      if (referenced.has(entry)) continue
      if (!OBJECT_NAME.test(entry) && !/^\.[0-9a-f]{32}\.tve\.[0-9a-z.]+\.tmp$|^[0-9a-f]{32}\.tve\.[0-9a-z.]+\.tmp$/.test(entry)) continue
      try {
        const info = await this.fs.lstat(join(this.dir, entry))
        const made = /[0-9a-f]{32}\.tve/.exec(entry)?.[0]
        if (made && this.mine.has(made)) continue
        if (info.isFile() && (info.mtimeMs < openedAt || now - info.mtimeMs >= graceMs)) stale.push(entry)
      } catch (err) {
        if (errnoOf(err) !== 'ENOENT') throw err
      }
    }
    for (const entry of stale) await this.fs.rm(join(this.dir, entry), { force: true })
    if (stale.length > 0) this.logger.info('swept stray encrypted diary files', { count: stale.length })
    return stale.length
  }

  /** Removes encrypted files after their rows are gone; a failure is logged, never thrown. */
  async remove(names: Array<string | null>): Promise<void> {
    let removed = 0
    for (const name of names) {
      if (!name) continue
      try {
        await this.fs.rm(this.pathOf(name), { force: true })
        removed++
      } catch (error) {
        this.logger.warn('could not remove an encrypted diary file', { name, error })
      }
    }
    if (removed > 0) await fsyncDirectory(this.fs, this.dir).catch(() => undefined)
  }
}
