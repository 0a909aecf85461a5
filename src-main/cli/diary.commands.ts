import { createWriteStream } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { resolve } from 'node:path'
import type { Writable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import type {
  DiaryEntryDto,
  DiaryEntrySummaryDto,
  DiaryMediaDto,
  DiaryPageDto,
  DiaryStatusDto,
  DiaryVerifyReportDto,
  ErrorCode,
  Result,
} from '../../src-preload/contract'
import { isAppError } from '../core/common/app-error'
import type { TroveApp } from '../compose'
import { callAs, formatBytes, type Command, type CommandArgs } from './command'

type Values = CommandArgs['values']

const fail = (code: ErrorCode, message: string): Result<never> => ({ ok: false, error: { code, message } })
const call = <T>(app: TroveApp, method: string, input: unknown) => callAs(app, method, input) as Promise<Result<T>>
const text = (v: Values[string]) => (typeof v === 'string' ? v : undefined)
const list = (v: Values[string]) => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : typeof v === 'string' ? [v] : [])

const STDIN = { 'passphrase-stdin': { type: 'boolean' } } as const

/**
 * The lines the command needs from stdin (passphrase; or old and new; or code and new). Only
 * with --passphrase-stdin: a passphrase never comes from the command line, where it would be
 * kept in the shell's history and shown in the process list.
 */
async function secrets(values: Values, count: number, what: string): Promise<Result<string[]>> {
  if (values['passphrase-stdin'] !== true) {
    return fail('INVALID_INPUT', `This command needs ${what} on stdin: pipe ${count === 1 ? 'it' : `${count} lines`} in and add --passphrase-stdin.`)
  }
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer)
  const lines = Buffer.concat(chunks).toString('utf8').split(/\r?\n/)
  if (lines.length < count || lines.slice(0, count).some((l) => l.length === 0)) {
    return fail('INVALID_INPUT', `Expected ${what} on stdin, one per line (${count} line${count === 1 ? '' : 's'}).`)
  }
  return { ok: true, value: lines.slice(0, count) }
}

/** Reads the passphrase from stdin and unlocks the diary for this run. */
export async function unlocked(app: TroveApp, values: Values): Promise<Result<DiaryStatusDto>> {
  const lines = await secrets(values, 1, 'the passphrase')
  if (!lines.ok) return lines
  return call<DiaryStatusDto>(app, 'diary:unlock', { passphrase: lines.value[0] })
}

/** Unlocks, then runs `then`. */
const withDiary = <T>(then: (app: TroveApp, args: CommandArgs) => Promise<Result<T>>) => async (app: TroveApp, args: CommandArgs): Promise<Result<T>> => {
  const status = await unlocked(app, args.values)
  return status.ok ? then(app, args) : status
}

const summaryLine = (e: DiaryEntrySummaryDto) =>
  `${e.id}  ${e.date}  ${e.title || '(untitled)'}${e.mood ? `  [${e.mood}]` : ''}${e.tags.length ? `  #${e.tags.join(' #')}` : ''}${e.mediaCount ? `  (${e.mediaCount} media)` : ''}`
const mediaLine = (m: DiaryMediaDto) => `  ${m.id}  ${m.kind.padEnd(5)} ${formatBytes(m.size).padStart(10)}  ${m.name}`

export const diaryCommands: Record<string, Command> = {
  'diary init': {
    usage: 'diary init --passphrase-stdin',
    summary: 'sets up the encrypted diary with the passphrase on stdin; prints the recovery code once',
    options: STDIN,
    async run(app, { values }) {
      const lines = await secrets(values, 1, 'the new passphrase')
      if (!lines.ok) return lines
      return call(app, 'diary:setup', { passphrase: lines.value[0] })
    },
    human: (value) =>
      `Diary set up.\nRecovery code: ${(value as { recoveryCode: string }).recoveryCode}\nWrite it down and keep it apart from the computer: it is shown only this once, and it is the only way back in if the passphrase is forgotten.`,
  },
  'diary unlock-check': {
    usage: 'diary unlock-check --passphrase-stdin',
    summary: 'checks the passphrase on stdin (exit 0 when it unlocks the diary)',
    options: STDIN,
    run: (app, { values }) => unlocked(app, values),
    human: () => 'The passphrase unlocks the diary.',
  },
  'diary add': {
    usage: 'diary add --date YYYY-MM-DD --title T [--text-file F] [--mood M] [--tag T…] [--media FILE…] --passphrase-stdin',
    summary: 'writes an entry (body from a Markdown file) and encrypts its photos, videos and sounds',
    options: { ...STDIN, date: { type: 'string' }, title: { type: 'string' }, 'text-file': { type: 'string' }, mood: { type: 'string' }, tag: { type: 'string', multiple: true }, media: { type: 'string', multiple: true } },
    run: withDiary(async (app, { values }) => {
      const textFile = text(values['text-file'])
      let body = ''
      try {
        if (textFile) body = await readFile(resolve(textFile), 'utf8')
      } catch {
        return fail('NOT_FOUND', `Could not read the text file ${textFile}.`)
      }
      const saved = await call<DiaryEntryDto>(app, 'diary:save', { date: text(values.date), title: text(values.title) ?? '', body, mood: text(values.mood) ?? null, tags: list(values.tag) })
      if (!saved.ok) return saved
      const media = list(values.media).map((p) => resolve(p))
      if (media.length === 0) return saved
      const attached = await call<{ media: DiaryMediaDto[] }>(app, 'diary:attach', { entryId: saved.value.id, paths: media })
      if (!attached.ok) {
        // All or nothing: an entry whose media could not be added is not left half made.
        await call(app, 'diary:delete', { id: saved.value.id })
        return attached
      }
      return { ok: true, value: { ...saved.value, media: attached.value.media } }
    }),
    human: (value) => {
      const e = value as DiaryEntryDto
      return [`Added ${e.id}  ${e.date}  ${e.title}`, ...e.media.map(mediaLine)].join('\n')
    },
  },
  'diary list': {
    usage: 'diary list [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--order asc|desc] [--limit N] [--after CURSOR] --passphrase-stdin',
    summary: 'entries, newest first; the next page with --after <nextCursor>',
    options: { ...STDIN, from: { type: 'string' }, to: { type: 'string' }, order: { type: 'string' }, limit: { type: 'string' }, after: { type: 'string' } },
    run: withDiary((app, { values }) =>
      call<DiaryPageDto>(app, 'diary:list', {
        from: text(values.from), to: text(values.to), order: text(values.order), limit: values.limit === undefined ? undefined : Number(values.limit), cursor: text(values.after),
      }),
    ),
    human: (value) => {
      const page = value as DiaryPageDto
      const lines = page.entries.map(summaryLine)
      if (page.entries.length === 0) lines.push('no entries')
      if (page.nextCursor) lines.push(`more: diary list … --after ${page.nextCursor}`)
      return lines.join('\n')
    },
  },
  'diary show': {
    usage: 'diary show <entry-id> --passphrase-stdin',
    summary: 'one entry: date, title, mood, tags, body and media',
    options: STDIN,
    run: withDiary((app, { positionals }) => call<DiaryEntryDto>(app, 'diary:get', { id: positionals[0] ?? '' })),
    human: (value) => {
      const e = value as DiaryEntryDto
      return [
        `${e.date}  ${e.title || '(untitled)'}`, `  id    ${e.id}`, `  mood  ${e.mood ?? '-'}`, `  tags  ${e.tags.join(', ') || '-'}`,
        ...(e.media.length ? ['  media', ...e.media.map((m) => `  ${mediaLine(m)}`)] : []), '', e.body,
      ].join('\n')
    },
  },
  'diary media': {
    usage: 'diary media <media-id> [--out FILE] --passphrase-stdin  (> out)',
    summary: 'decrypts one photo, video or sound to stdout (or --out); exits 1 if it is damaged',
    options: { ...STDIN, out: { type: 'string' } },
    // Without --out, stdout carries the bytes alone (no human line, no JSON document).
    rawOutput: (args) => text(args.values.out) === undefined,
    run: withDiary(async (app, { values, positionals }) => {
      const out = text(values.out)
      const id = positionals[0] ?? ''
      if (!/^[0-9a-f]{32}$/.test(id)) return fail('INVALID_INPUT', 'Name a media item by its id (see diary show <entry-id>).')
      try {
        const { media, file } = await app.libraries.require().diary.media.openOriginal(id)
        const target: Writable = out ? createWriteStream(resolve(out), { flags: 'w', mode: 0o600 }) : process.stdout
        await pipeline(file.createReadStream(), target, { end: out !== undefined })
        return { ok: true, value: { mediaId: id, name: media.meta.name, mime: media.meta.mime, bytes: file.plaintextSize, out: out ? resolve(out) : null } }
      } catch (err) {
        if (isAppError(err)) return { ok: false, error: err.toDto() }
        throw err
      }
    }),
    human: (value) => {
      const v = value as { name: string; bytes: number; out: string | null }
      return `Wrote ${v.name} (${formatBytes(v.bytes)}) to ${v.out}`
    },
  },
  'diary passwd': {
    usage: 'diary passwd --passphrase-stdin  (stdin: old passphrase, new passphrase)',
    summary: 'changes the passphrase (the recovery code stays valid)',
    options: STDIN,
    async run(app, { values }) {
      const lines = await secrets(values, 2, 'the old and the new passphrase')
      if (!lines.ok) return lines
      const [oldPassphrase, newPassphrase] = lines.value as [string, string]
      const status = await call(app, 'diary:unlock', { passphrase: oldPassphrase })
      if (!status.ok) return status
      return call(app, 'diary:change-passphrase', { oldPassphrase, newPassphrase })
    },
    human: () => 'Passphrase changed.',
  },
  'diary recover': {
    usage: 'diary recover --passphrase-stdin  (stdin: recovery code, new passphrase)',
    summary: 'sets a new passphrase with the recovery code (when the passphrase is forgotten)',
    options: STDIN,
    async run(app, { values }) {
      const lines = await secrets(values, 2, 'the recovery code and the new passphrase')
      if (!lines.ok) return lines
      const [recoveryCode, newPassphrase] = lines.value as [string, string]
      return call(app, 'diary:unlock-with-recovery', { recoveryCode, newPassphrase })
    },
    human: () => 'New passphrase set. The recovery code stays valid: keep it.',
  },
  'diary verify': {
    usage: 'diary verify --passphrase-stdin',
    summary: 'decrypts every entry, media file and thumbnail; reports each that fails (exit 1 if any)',
    options: STDIN,
    run: withDiary((app) => call<DiaryVerifyReportDto>(app, 'diary:verify', {})),
    human: (value) => {
      const r = value as DiaryVerifyReportDto
      const head = `${r.entries} entries and ${r.media} media checked in ${r.seconds.toFixed(1)} s: ${r.problems.length ? `${r.problems.length} problem(s)` : 'all intact'}`
      return [head, ...r.problems.map((p) => `  ${p.kind.padEnd(5)} ${p.id}  ${p.message}`)].join('\n')
    },
    exitCode: (value) => ((value as DiaryVerifyReportDto).problems.length ? 1 : 0),
  },
}
