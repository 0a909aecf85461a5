import { useCallback } from 'react'
import { useImportsStore } from '../../lib/imports/imports-context'
import { usePasteImport } from '../../lib/imports/use-paste-import'
import { DropOverlay, pageDropTarget } from '../DropOverlay'
import { ImportPanel } from '../ImportPanel'

/** What the frame adds for importing: the drop overlay, the imports panel, and paste. */
export function FrameImports() {
  const store = useImportsStore()
  const pasteTarget = useCallback(() => {
    const target = pageDropTarget()
    return target ? { collectionId: target.collectionId, collectionName: target.name } : null
  }, [])
  usePasteImport(store, pasteTarget)
  return (
    <>
      <DropOverlay />
      <ImportPanel />
    </>
  )
}
