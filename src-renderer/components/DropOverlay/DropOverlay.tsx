import { Text } from '@mantine/core'
import { trove } from '../../lib/bridge'
import { useImportsStore } from '../../lib/imports/imports-context'
import { snapshotTransfer } from '../../lib/imports/dropped-files'
import { UploadIcon } from '../icons/import-icons'
import { useFileDrag, type FileDragState } from './use-file-drag'
import classes from './DropOverlay.module.css'

/** "Drop to add 3 files to your library" / "… into “Trips”". */
export function dropMessage({ count, onlyFiles, target }: Pick<FileDragState, 'count' | 'onlyFiles' | 'target'>): string {
  const noun = onlyFiles ? (count === 1 ? 'file' : 'files') : count === 1 ? 'item' : 'items'
  const what = count > 0 ? `${count} ${noun}` : 'these files'
  return target ? `Drop to add ${what} into the collection “${target.name}”` : `Drop to add ${what} to your library`
}

/**
 * Files dragged anywhere over the window: says what a drop will do, and imports on drop (by
 * path in the desktop app, by upload in a browser), into the collection under the pointer.
 */
export function DropOverlay() {
  const store = useImportsStore()
  const drag = useFileDrag((transfer, target) => {
    const snapshot = snapshotTransfer(transfer, (file) => trove.pathForFile(file))
    void store.importDropped(snapshot, target ? { collectionId: target.collectionId, collectionName: target.name } : null)
  })
  if (!drag.active) return null

  const rect = drag.target?.rect
  const label = drag.target?.labelRect
  return (
    <div className={classes.root} data-testid="drop-overlay" data-target={drag.target ? 'collection' : 'library'}>
      {rect && (
        <div className={classes.outline} style={{ top: rect.top - 2, left: rect.left - 2, width: rect.width + 4, height: rect.height + 4 }} aria-hidden="true">
          {label && (
            <span className={classes.label} style={{ top: label.top - rect.top + 2, left: label.left - rect.left + 2, width: label.width, height: label.height }}>
              {drag.target?.name}
            </span>
          )}
        </div>
      )}
      <div className={classes.card} role="status" aria-live="polite">
        <span className={classes.icon}>
          <UploadIcon size={34} />
        </span>
        <Text fw={650} size="xl" ta="center" data-testid="drop-message" className={classes.message}>
          {dropMessage(drag)}
        </Text>
        <Text size="sm" c="dimmed" ta="center" maw={420}>
          {drag.target
            ? 'The files go into your library and into this collection. Folders become collections inside it.'
            : 'Each file is stored once, by its content. Folders become collections.'}
        </Text>
      </div>
    </div>
  )
}
