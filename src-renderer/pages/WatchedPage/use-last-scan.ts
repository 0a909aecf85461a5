import { useEffect, useState } from 'react'
import type { SyncOperationDto, WatchedFolderDto } from '../../../src-preload/contract'
import { call } from '../../lib/call'

/** Operations looked through for the latest scan (live changes come in between). */
const LOOK_BACK = 25

/**
 * The folder's latest reconciliation (a start-up, scheduled or manual scan, not a live change),
 * read again when its status or last scan time changes. Null while unknown.
 */
export function useLastScan(folder: WatchedFolderDto): SyncOperationDto | null {
  const [op, setOp] = useState<SyncOperationDto | null>(null)
  const { id, status, lastScanAt } = folder
  useEffect(() => {
    let live = true
    call('sync:history', { folderId: id, limit: LOOK_BACK }).then(
      ({ operations }) => live && setOp(operations.find((o) => o.type !== 'realtime' && o.status !== 'running') ?? null),
      () => undefined, // the history table shows the failure
    )
    return () => {
      live = false
    }
  }, [id, status, lastScanAt])
  return op
}
