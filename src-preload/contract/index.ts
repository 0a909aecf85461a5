import type { z } from 'zod'
import { appEvents, appMethods } from './app'
import { jobsEvents, jobsMethods } from './jobs'
import { previewsEvents, previewsMethods } from './previews'
import { desktopMethods } from './desktop'
import { integrityMethods, libraryMethods, settingsMethods } from './library'
import { uploadsMethods } from './uploads'
import { syncEvents, syncMethods } from './sync'
import { collectionsEvents, collectionsMethods } from './collections'
import { filesEvents, filesMethods } from './files'
import { historyMethods } from './history'
import { exportMethods } from './export'
import { recoveryMethods } from './recovery'
import { tagsEvents, tagsMethods } from './tags'
import { diaryEvents, diaryMethods } from './diary'
import { backupMethods } from './backup'
import type { EventSpec, MethodSpec } from './define'
import type { Result } from './errors'

export * from './errors'
export type { AppInfoDto, LibraryInfoDto } from './app'
export type { JobDto } from './jobs'
export type { PreviewChangedDto, PreviewFailureDto, PreviewStateDto, PreviewStatusDto } from './previews'
export type { UploadDto, UploadOutcomeDto, UploadProgressDto } from './uploads'
export type { FolderStatusDto, SyncChangeDto, SyncIssueDto, SyncOperationDto, WatchedFolderDto, WatchModeDto } from './sync'
export type { CollectionRefDto, FileDetailDto, FileDto, FilePageDto, FileSourceDto, LibraryStatsDto, PurgeResultDto, SearchField, SearchHitDto, SearchResultDto, TextSegment } from './files'
export type { TagColor, TagDto, TagRefDto } from './tags'
export type { CollectionDto, CollectionNodeDto } from './collections'
export type { ImportRecordDto } from './history'
export type { DiaryCalendarDto, DiaryContentKind, DiaryEntryDto, DiaryEntrySummaryDto, DiaryLockReason, DiaryMediaDto, DiaryMediaKind, DiaryMood, DiaryPageDto, DiaryProblemDto, DiarySearchHitDto, DiarySearchResultDto, DiaryStatusDto, DiaryVerifyReportDto } from './diary'
export type { ExportSelectionDto } from './export'
export type { RecoveryReportDto } from './recovery'
export type { BackupManifestDto, BackupProblemDto, BackupReportDto, BackupStatusDto, BackupVerifyReportDto, LastBackupDto, MoveReportDto, RestoreReportDto } from './backup'
export type { LibrarySettingsDto, ObjectProblemDto, StartupReportDto, VerifyReportDto } from './library'

/** Every method of every domain, by name (`domain:verb`). Declared once, used everywhere. */
export const methods = {
  ...appMethods,
  ...jobsMethods,
  ...previewsMethods,
  ...libraryMethods,
  ...integrityMethods,
  ...settingsMethods,
  ...desktopMethods,
  ...uploadsMethods,
  ...syncMethods,
  ...filesMethods,
  ...tagsMethods,
  ...collectionsMethods,
  ...historyMethods,
  ...diaryMethods,
  ...backupMethods,
  ...exportMethods,
  ...recoveryMethods,
} satisfies Record<string, MethodSpec>

/** Every event main may push to the renderer (`domain:noun-changed`). */
export const events = {
  ...appEvents,
  ...jobsEvents,
  ...previewsEvents,
  ...syncEvents,
  ...filesEvents,
  ...tagsEvents,
  ...collectionsEvents,
  ...diaryEvents,
} satisfies Record<string, EventSpec>

export type Methods = typeof methods
export type MethodName = keyof Methods
export type Events = typeof events
export type EventName = keyof Events

/** The input a caller passes (before defaults are applied). */
export type InputOf<M extends MethodName> = z.input<Methods[M]['input']>
/** The input a handler receives (after validation). */
export type ParsedInputOf<M extends MethodName> = z.output<Methods[M]['input']>
export type ResultOf<M extends MethodName> = NonNullable<Methods[M]['result']>
export type PayloadOf<E extends EventName> = NonNullable<Events[E]['payload']>

export const isMethodName = (name: unknown): name is MethodName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(methods, name)

export const isEventName = (name: unknown): name is EventName =>
  typeof name === 'string' && Object.prototype.hasOwnProperty.call(events, name)

/** What the preload exposes as `window.trove`, and what the loopback bridge rebuilds. */
export interface TroveBridge {
  call<M extends MethodName>(method: M, input: InputOf<M>): Promise<Result<ResultOf<M>>>
  on<E extends EventName>(event: E, listener: (payload: PayloadOf<E>) => void): () => void
  /** Absolute path of a dropped File; Electron only (null elsewhere). */
  pathForFile(file: File): string | null
  readonly transport: 'electron' | 'loopback'
}
