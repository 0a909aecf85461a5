import type { BackupService } from '../core/backup/backup.service'
import { asJob } from '../core/backup/backup.service'
import { phaseLabel } from '../core/backup/phase-labels'
import type { MoveDeps } from '../core/library/move-library'
import { deleteOldCopy, moveLibrary } from '../core/library/move-library'
import type { DomainHandlers } from './handlers'

type BackupMethod = 'backup:run' | 'backup:verify' | 'backup:status' | 'backup:set-schedule' | 'backup:restore' | 'library:move' | 'library:delete-old-copy'

/** What the backup handlers need: the service and the pieces a move works with. */
export interface BackupApiDeps {
  backups: BackupService
  move: MoveDeps
}

export function backupHandlers({ backups, move }: BackupApiDeps): DomainHandlers<BackupMethod> {
  return {
    'backup:run': ({ destination }) => backups.run(destination),
    'backup:verify': ({ destination }) => backups.verify(destination),
    'backup:status': () => backups.status(),
    'backup:set-schedule': (patch) => backups.setSchedule(patch),
    'backup:restore': ({ backup, library }) => backups.restore(backup, library),
    'library:move': ({ destination }) =>
      asJob(move.jobs, 'move', `Moving the library to ${destination}`, (job) =>
        moveLibrary(move, destination, { signal: job.signal, onProgress: (p) => job.update({ itemsDone: p.itemsDone, itemsTotal: p.itemsTotal, bytesDone: p.bytesDone, bytesTotal: p.bytesTotal, current: phaseLabel(p.phase) }) }),
      (r) => `${r.objectsVerified} file(s) copied and checked`),
    'library:delete-old-copy': ({ path }) => deleteOldCopy(move.fs, move.libraries, path),
  }
}
