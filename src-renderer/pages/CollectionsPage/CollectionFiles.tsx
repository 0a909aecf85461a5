import { Button, EmptyState } from '@mantine/core'
import { useEffect, useRef } from 'react'
import type { FileView } from '../../components/FileBrowser'
import { FileWorkspace } from '../../components/FileWorkspace'
import { CollectionsIcon } from '../../components/icons/nav-icons'
import { CloseIcon, TrashIcon } from '../../components/icons/file-icons'
import { trove } from '../../lib/bridge'
import { call } from '../../lib/call'
import { plural, trashFiles } from '../../lib/file-actions'
import { useImportsFinished } from '../../lib/imports/imports-context'
import { notifyDone, notifyError } from '../../lib/notify'
import { useFilePager } from '../../lib/use-file-pager'
import { useFileSelection } from '../../lib/use-file-selection'
import { useLibraryChanges } from '../../lib/use-library-changes'
import classes from './CollectionsPage.module.css'

export interface CollectionFilesProps {
  collectionId: number
  collectionName: string
  includeSubcollections: boolean
  /** How many files the tree counts, so the grid can lay them out before they are read. */
  total: number
  view: Exclude<FileView, 'hits'>
}

/**
 * A collection's files in the library's own grid or list (thumbnails, selection, details),
 * newest first; the selection can leave the collection or go to the trash. Read again when
 * files, the collections or an import change them.
 */
export function CollectionFiles({ collectionId, collectionName, includeSubcollections, total, view }: CollectionFilesProps) {
  const pager = useFilePager({ collectionId, includeSubcollections, sort: 'added', order: 'desc' }, total)
  const version = pager.getVersion()
  const selection = useFileSelection(pager, version)
  const finished = useImportsFinished()

  useLibraryChanges({
    onChanged: () => pager.refresh(),
    onPreview: (change) => pager.patch(change.fileId, { previewState: change.state }) || change.fileId <= pager.maxId,
  })
  useEffect(() => trove.on('collections:tree-changed', () => pager.refresh()), [pager])
  const seenFinished = useRef(finished)
  useEffect(() => {
    if (finished === seenFinished.current) return
    seenFinished.current = finished
    pager.refresh()
  }, [finished, pager])

  const remove = async (ids: number[]) => {
    try {
      const { removed } = await call('collections:remove-files', { id: collectionId, fileIds: ids.slice(0, 10_000) })
      selection.remove(ids)
      notifyDone(`Took ${plural(removed, 'file')} out of “${collectionName}”. ${removed === 1 ? 'It stays' : 'They stay'} in your library.`)
    } catch (err) {
      notifyError(err, `The files could not be taken out of “${collectionName}”`)
    }
  }
  const trash = (ids: number[]) => void trashFiles(ids).then((ok) => ok && selection.remove(ids))

  return (
    <FileWorkspace
      source={pager}
      version={version}
      view={view}
      selection={selection}
      label="Files in this collection"
      empty={
        <div className={classes.emptyFiles} data-testid="collection-empty">
          <EmptyState variant="light" size="sm" icon={<CollectionsIcon size={22} />}>
            <EmptyState.Title order={2}>No files here yet</EmptyState.Title>
            <EmptyState.Description maw={420}>
              Drop files onto this page or onto the collection in the sidebar, or use Add files here. In the library, select files and choose Collection… to add them.
            </EmptyState.Description>
          </EmptyState>
        </div>
      }
      onRetry={() => pager.retry()}
      onDelete={trash}
      actions={(ids) => (
        <>
          <Button size="compact-sm" variant="subtle" leftSection={<CloseIcon size={16} />} onClick={() => void remove(ids)}>
            Remove from collection
          </Button>
          <Button size="compact-sm" variant="subtle" color="red" leftSection={<TrashIcon size={16} />} onClick={() => trash(ids)}>
            Trash
          </Button>
        </>
      )}
    />
  )
}
