import { Readable } from 'node:stream'
import type { DiaryEntryDto, DiaryMediaDto } from '../../../src-preload/contract/diary'
import type { DiaryServices } from '../diary/diary-services'
import { FolderNames } from './export-names'
import type { ExportItem, ExportSource } from './export-source'

/** The folder of the export that holds the diary. */
export const DIARY_EXPORT_FOLDER = 'Diary'
/** Room left in a 255-byte name for " (n)" and ".md". */
const MAX_STEM_CHARS = 120

/** A YAML scalar that is also JSON: quoted, escaped, never read as a number or a date by accident. */
const yaml = (value: unknown) => JSON.stringify(value)

/** One link target inside the Markdown: each part percent-encoded (names with spaces, #, parentheses). */
const link = (...parts: string[]) => parts.map(encodeURIComponent).join('/')

/** The Markdown of one entry: front matter (date, mood, tags), the title, the body, links to its media. */
export function entryMarkdown(entry: DiaryEntryDto, mediaFolder: string, mediaNames: string[]): string {
  const lines = ['---', `date: ${yaml(entry.date)}`, `title: ${yaml(entry.title)}`, `mood: ${entry.mood === null ? 'null' : yaml(entry.mood)}`, `tags: ${yaml(entry.tags)}`, '---', '']
  if (entry.title.trim()) lines.push(`# ${entry.title.trim()}`, '')
  lines.push(entry.body.replace(/\s+$/, ''), '')
  if (entry.media.length) {
    lines.push('## Media', '')
    entry.media.forEach((media, i) => {
      const target = link(mediaFolder, mediaNames[i]!)
      lines.push(media.kind === 'photo' ? `![${mediaNames[i]}](${target})` : `[${mediaNames[i]}](${target})`)
    })
    lines.push('')
  }
  return lines.join('\n')
}

interface PlannedEntry {
  entry: DiaryEntryDto
  /** "<date> <title>", safe and unique in Diary/ together with "<stem>.md". */
  stem: string
  mediaNames: string[]
}

/** Names for every entry and its media, chosen as the writer will choose them (same helper, same order). */
function plan(entries: DiaryEntryDto[]): PlannedEntry[] {
  const names = new FolderNames()
  return entries.map((entry) => {
    const wanted = `${entry.date} ${[...entry.title.trim()].slice(0, MAX_STEM_CHARS).join('')}`.trim()
    let stem = names.claim(wanted)
    while (!names.tryClaim(`${stem}.md`)) stem = names.claim(wanted)
    const mediaFolderNames = new FolderNames()
    return { entry, stem, mediaNames: entry.media.map((m) => mediaFolderNames.claim(m.name)) }
  })
}

/**
 * The diary as an export source: each entry as `Diary/<date> <title>.md` and its media,
 * decrypted as they are written (streamed chunk by chunk, never held whole), in
 * `Diary/<date> <title>/`. Only while unlocked: the entries are read here (VAULT_LOCKED if
 * locked), and a lock during the export stops it at the next item.
 */
export async function diarySource(diary: DiaryServices): Promise<ExportSource> {
  diary.vault.requireKey()
  const entries: DiaryEntryDto[] = []
  const page = await diary.entries.list({ order: 'asc', limit: Number.MAX_SAFE_INTEGER })
  for (const summary of page.entries) entries.push(await diary.entries.get(summary.id))
  // Oldest first; on one day in the order they were written (so "(2)" is the later one).
  entries.sort((a, b) => a.date.localeCompare(b.date) || a.createdAt - b.createdAt || a.id.localeCompare(b.id))
  const planned = plan(entries)
  const total = planned.reduce((sum, p) => sum + 1 + p.entry.media.length, 0)
  return {
    kind: 'diary',
    label: 'Diary',
    description: { kind: 'diary', entries: entries.length },
    count: async () => total,
    async *items(signal: AbortSignal): AsyncIterable<ExportItem> {
      for (const { entry, stem, mediaNames } of planned) {
        signal.throwIfAborted()
        diary.vault.requireKey()
        const markdown = Buffer.from(entryMarkdown(entry, stem, mediaNames), 'utf8')
        yield { folder: [DIARY_EXPORT_FOLDER], name: `${stem}.md`, sha256: null, modifiedAt: entry.updatedAt, open: async () => Readable.from([markdown]), record: null }
        for (const [i, media] of entry.media.entries()) {
          diary.vault.requireKey()
          yield mediaItem(diary, media, [DIARY_EXPORT_FOLDER, stem], mediaNames[i]!)
        }
      }
    },
  }
}

function mediaItem(diary: DiaryServices, media: DiaryMediaDto, folder: string[], name: string): ExportItem {
  return {
    folder,
    name,
    sha256: null,
    modifiedAt: media.addedAt,
    open: async () => (await diary.media.openOriginal(media.id)).file.createReadStream(),
    record: null,
  }
}
