import type {
  CollectionNodeDto, FileDetailDto, FileDto, FilePageDto, ImportRecordDto, LibraryStatsDto, PurgeResultDto, Result, SearchResultDto, TagDto, TextSegment,
} from '../../src-preload/contract'
import { foldCase } from '../core/library/text-labels'
import type { TroveApp } from '../compose'
import { callAs, formatBytes, type Command, type CommandArgs } from './command'

type Values = CommandArgs['values']

const fail = (code: 'INVALID_INPUT' | 'NOT_FOUND', message: string): Result<never> => ({ ok: false, error: { code, message } })
const call = <T>(app: TroveApp, method: string, input: unknown) => callAs(app, method, input) as Promise<Result<T>>
const text = (v: Values[string]) => (typeof v === 'string' ? v : undefined)
const int = (v: Values[string]) => (typeof v === 'string' ? Number(v) : undefined)

/** A tag's id from its name (ignoring case), as the app shows it. */
async function tagIdByName(app: TroveApp, name: string): Promise<Result<number>> {
  const listed = await call<{ tags: TagDto[] }>(app, 'tags:list', {})
  if (!listed.ok) return listed
  const tag = listed.value.tags.find((t) => foldCase(t.name) === foldCase(name.trim()))
  return tag ? { ok: true, value: tag.id } : fail('NOT_FOUND', `There is no tag named "${name}". See the tags of a file with: show <sha256>.`)
}

/** A collection's id from its path of names, "Trips/2024" (each level ignoring case). */
async function collectionIdByPath(app: TroveApp, path: string): Promise<Result<number>> {
  const tree = await call<{ roots: CollectionNodeDto[] }>(app, 'collections:tree', {})
  if (!tree.ok) return tree
  let level = tree.value.roots
  let found: CollectionNodeDto | undefined
  for (const name of path.split('/').map((n) => n.trim()).filter(Boolean)) {
    found = level.find((c) => foldCase(c.name) === foldCase(name))
    if (!found) return fail('NOT_FOUND', `There is no collection "${path}" (no "${name}" at that level).`)
    level = found.children
  }
  return found ? { ok: true, value: found.id } : fail('INVALID_INPUT', 'Name a collection, e.g. --collection "Trips/2024".')
}

/** The filters shared by list and search, from the command line. */
async function filters(app: TroveApp, values: Values): Promise<Result<Record<string, unknown>>> {
  const out: Record<string, unknown> = { trashed: values.trashed === true }
  if (text(values.kind)) out.kind = values.kind
  if (text(values.tag)) {
    const tag = await tagIdByName(app, values.tag as string)
    if (!tag.ok) return tag
    out.tagId = tag.value
  }
  if (text(values.collection)) {
    const collection = await collectionIdByPath(app, values.collection as string)
    if (!collection.ok) return collection
    out.collectionId = collection.value
    out.includeSubcollections = values.subcollections === true
  }
  if (values.limit !== undefined) out.limit = int(values.limit)
  return { ok: true, value: out }
}

/** The file a command names by SHA-256 or a unique prefix of it. */
const fileByRef = (app: TroveApp, ref: string | undefined): Promise<Result<FileDetailDto>> =>
  ref ? call<FileDetailDto>(app, 'files:get', { sha256: ref }) : Promise.resolve(fail('INVALID_INPUT', 'Name a file by its SHA-256 (or at least its first 6 characters).'))

/** Runs `change` on the named file, then answers with the file as it is now. */
async function onFile<T extends object>(app: TroveApp, ref: string | undefined, change: (file: FileDetailDto) => Promise<Result<T>>): Promise<Result<T & { file: FileDto }>> {
  const file = await fileByRef(app, ref)
  if (!file.ok) return file
  const changed = await change(file.value)
  if (!changed.ok) return changed
  const after = await call<FileDetailDto>(app, 'files:get', { id: file.value.id })
  if (!after.ok) return after
  const { sources: _s, collections: _c, ...dto } = after.value
  return { ok: true, value: { ...changed.value, file: dto } }
}

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)
const tagList = (f: FileDto) => (f.tags.length ? `  #${f.tags.map((t) => t.name).join(' #')}` : '')
const fileLine = (f: FileDto) => `${f.sha256.slice(0, 12)}  ${f.kind.padEnd(8)} ${formatBytes(f.size).padStart(10)}  ${day(f.addedAt)}  ${f.name}${tagList(f)}`
const marked = (segments: TextSegment[]) => segments.map((s) => (s.match ? `[${s.text}]` : s.text)).join('').replace(/\s+/g, ' ')

const LIST_OPTIONS = {
  kind: { type: 'string' }, tag: { type: 'string' }, collection: { type: 'string' }, subcollections: { type: 'boolean' },
  limit: { type: 'string' }, trashed: { type: 'boolean' },
} as const

export const libraryCommands: Record<string, Command> = {
  list: {
    usage: 'list [--kind K] [--tag T] [--collection A/B] [--subcollections] [--sort added|name|size] [--order asc|desc] [--limit N] [--after CURSOR] [--trashed]',
    summary: 'one page of files (newest first by default); the next page with --after <nextCursor>',
    options: { ...LIST_OPTIONS, sort: { type: 'string' }, order: { type: 'string' }, after: { type: 'string' } },
    async run(app, { values }) {
      const f = await filters(app, values)
      if (!f.ok) return f
      return call(app, 'files:list', { ...f.value, sort: text(values.sort), order: text(values.order), cursor: text(values.after) })
    },
    human(value) {
      const page = value as FilePageDto
      const lines = page.items.map(fileLine)
      if (page.items.length === 0) lines.push('no files')
      if (page.nextCursor) lines.push(`more: list … --after ${page.nextCursor}`)
      return lines.join('\n')
    },
  },
  search: {
    usage: 'search <words...> [--kind K] [--tag T] [--collection A/B] [--subcollections] [--limit N] [--trashed]',
    summary: 'full-text search over names, tags, notes and the text inside files, best first',
    options: LIST_OPTIONS,
    async run(app, { values, positionals }) {
      if (positionals.length === 0) return fail('INVALID_INPUT', 'Say what to search for, e.g. search holiday rome.')
      const f = await filters(app, values)
      if (!f.ok) return f
      return call(app, 'files:search', { ...f.value, query: positionals.join(' ') })
    },
    human(value) {
      const result = value as SearchResultDto
      const lines = result.hits.flatMap((h) => {
        const where = h.matchedIn.filter((m) => m === 'note' || m === 'text' || m === 'ocr')
        const label = { note: 'note', text: 'document text', ocr: 'OCR text' } as const
        return [fileLine(h.file), ...where.map((m) => `    ${label[m as keyof typeof label]}: ${marked(h.highlights[m] ?? [])}`)]
      })
      if (result.hits.length === 0) lines.push('nothing found')
      if (result.more) lines.push('more files match: narrow the search or raise --limit')
      return lines.join('\n')
    },
  },
  show: {
    usage: 'show <sha256-or-prefix>',
    summary: 'one file: details, tags, note, where it came from, its collections',
    run: (app, { positionals }) => fileByRef(app, positionals[0]),
    human(value) {
      const f = value as FileDetailDto
      const lines = [
        f.name, `  sha256    ${f.sha256}`, `  kind      ${f.kind} (${f.mime})`, `  size      ${formatBytes(f.size)} (${f.size} bytes)`,
        `  added     ${new Date(f.addedAt).toISOString()}`, `  tags      ${f.tags.map((t) => t.name).join(', ') || '-'}`,
      ]
      if (f.trashedAt !== null) lines.push(`  trashed   ${new Date(f.trashedAt).toISOString()}`)
      if (!f.stored) lines.push('  MISSING   the stored copy is missing from the library folder')
      if (f.note) lines.push(`  note      ${f.note.replace(/\n/g, '\n            ')}`)
      for (const c of f.collections) lines.push(`  in        ${c.path.join('/')}`)
      for (const s of f.sources) lines.push(`  from      ${s.kind}: ${s.path}${s.available ? '' : ' (gone)'}`)
      return lines.join('\n')
    },
  },
  tag: {
    usage: 'tag <sha256-or-prefix> <tag...>',
    summary: 'add tags to a file (tags that do not exist yet are created)',
    run: (app, { positionals: [ref, ...names] }) =>
      names.length === 0
        ? Promise.resolve(fail('INVALID_INPUT', 'Name at least one tag to add.'))
        : onFile(app, ref, (file) => call<{ added: number }>(app, 'tags:apply', { fileIds: [file.id], names, create: true }).then(pick('added'))),
    human: (value) => changedLine(value, 'added', 'tag'),
  },
  untag: {
    usage: 'untag <sha256-or-prefix> <tag...>',
    summary: 'remove tags from a file',
    run: (app, { positionals: [ref, ...names] }) =>
      names.length === 0
        ? Promise.resolve(fail('INVALID_INPUT', 'Name at least one tag to remove.'))
        : onFile(app, ref, (file) => call<{ removed: number }>(app, 'tags:remove', { fileIds: [file.id], names }).then(pick('removed'))),
    human: (value) => changedLine(value, 'removed', 'tag'),
  },
  trash: {
    usage: 'trash <sha256-or-prefix>',
    summary: 'move a file to the trash (restore brings it back; purged after the retention period)',
    run: (app, { positionals }) => onFile(app, positionals[0], (file) => call(app, 'files:trash', { ids: [file.id] })),
    human: (value) => `${(value as { file: FileDto }).file.name}: ${(value as { trashed: number }).trashed ? 'moved to the trash' : 'already in the trash'}`,
  },
  restore: {
    usage: 'restore <sha256-or-prefix>',
    summary: 'take a file out of the trash',
    run: (app, { positionals }) => onFile(app, positionals[0], (file) => call(app, 'files:restore', { ids: [file.id] })),
    human: (value) => `${(value as { file: FileDto }).file.name}: ${(value as { restored: number }).restored ? 'restored' : 'was not in the trash'}`,
  },
  'empty-trash': {
    usage: 'empty-trash [--older-than DAYS]',
    summary: 'delete trashed files for good (all of them, or those trashed more than DAYS ago)',
    options: { 'older-than': { type: 'string' } },
    run: (app, { values }) => call(app, 'files:empty-trash', { olderThanDays: int(values['older-than']) }),
    human(value) {
      const r = value as PurgeResultDto
      return `${r.purged} file(s) deleted for good, ${formatBytes(r.bytes)} freed${r.objectErrors ? `; ${r.objectErrors} stored copies could not be deleted yet (see the log)` : ''}`
    },
    exitCode: (value) => ((value as PurgeResultDto).objectErrors > 0 ? 1 : 0),
  },
  history: {
    usage: 'history [--outcome stored|duplicate|rejected|failed] [--since ISO-DATE] [--until ISO-DATE] [--name TEXT] [--batch ID] [--limit N] [--after CURSOR]',
    summary: 'the import history, newest first',
    options: { outcome: { type: 'string' }, since: { type: 'string' }, until: { type: 'string' }, name: { type: 'string' }, batch: { type: 'string' }, limit: { type: 'string' }, after: { type: 'string' } },
    async run(app, { values }) {
      const since = text(values.since) === undefined ? undefined : Date.parse(values.since as string)
      const until = text(values.until) === undefined ? undefined : Date.parse(values.until as string)
      if (Number.isNaN(since) || Number.isNaN(until)) return fail('INVALID_INPUT', '--since and --until take a date like 2024-05-01 or 2024-05-01T14:30:00Z.')
      return call(app, 'history:list', {
        outcome: text(values.outcome), since, until, name: text(values.name), batchId: text(values.batch), limit: int(values.limit), cursor: text(values.after),
      })
    },
    human(value) {
      const page = value as { items: ImportRecordDto[]; nextCursor: string | null }
      const lines = page.items.map((r) => `${new Date(r.startedAt).toISOString()}  ${r.outcome.padEnd(9)} ${r.originalPath ?? r.originalName}${r.reasonMessage ? `  (${r.reasonMessage})` : ''}`)
      if (page.items.length === 0) lines.push('no imports recorded')
      if (page.nextCursor) lines.push(`more: history … --after ${page.nextCursor}`)
      return lines.join('\n')
    },
  },
  stats: {
    usage: 'stats',
    summary: 'counts and sizes: files by kind, trash, tags, collections, imports of the last 30 days',
    run: (app) => call(app, 'files:stats', {}),
    human(value) {
      const s = value as LibraryStatsDto
      const lines = [`${s.live.count} files, ${formatBytes(s.live.bytes)}; ${formatBytes(s.storedBytes)} stored`]
      for (const [kind, k] of Object.entries(s.byKind)) if (k.count) lines.push(`  ${kind.padEnd(9)} ${String(k.count).padStart(7)}  ${formatBytes(k.bytes)}`)
      lines.push(`trash: ${s.trashed.count} files, ${formatBytes(s.trashed.bytes)}`, `tags: ${s.tags}, collections: ${s.collections}`)
      if (s.missing) lines.push(`missing from the library folder: ${s.missing}`)
      const i = s.imports30d
      lines.push(`imports, last 30 days: ${i.stored} stored, ${i.duplicate} duplicate, ${i.rejected} rejected, ${i.failed} failed`)
      return lines.join('\n')
    },
  },
}

/** Keeps one count of a result (the CLI answers with the file as it is after the change). */
const pick = <K extends string>(key: K) => (r: Result<Record<K, number>>): Result<Record<K, number>> =>
  r.ok ? { ok: true, value: { [key]: r.value[key] } as Record<K, number> } : r

function changedLine(value: unknown, key: 'added' | 'removed', what: string): string {
  const v = value as { file: FileDto } & Record<string, number>
  return `${v.file.name}: ${v[key]} ${what}(s) ${key}; tags now: ${v.file.tags.map((t) => t.name).join(', ') || '-'}`
}
