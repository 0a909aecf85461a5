import { useState, type ReactNode } from 'react'
import type { CollectionDto, CollectionNodeDto } from '../../../src-preload/contract'
import { ExportDialog } from '../ExportDialog'
import { CollectionNameDialog } from './CollectionNameDialog'
import { DeleteCollectionDialog } from './DeleteCollectionDialog'
import { MoveCollectionDialog } from './MoveCollectionDialog'

export type CollectionAction =
  | { kind: 'create'; parent: CollectionNodeDto | null }
  | { kind: 'rename'; node: CollectionNodeDto }
  | { kind: 'move'; node: CollectionNodeDto }
  | { kind: 'delete'; node: CollectionNodeDto }
  | { kind: 'export'; node: CollectionNodeDto }

export interface CollectionDialogsEvents {
  /** After create, rename or move: the collection as it is now. */
  onSaved?: (action: CollectionAction, collection: CollectionDto) => void
  onDeleted?: (node: CollectionNodeDto) => void
}

/** The dialogs that change collections, one at a time: `open(action)` and render `element`. */
export function useCollectionDialogs(roots: readonly CollectionNodeDto[], events: CollectionDialogsEvents = {}): {
  open: (action: CollectionAction) => void
  element: ReactNode
} {
  const [action, setAction] = useState<CollectionAction | null>(null)
  const close = () => setAction(null)
  const saved = (collection: CollectionDto) => {
    if (action) events.onSaved?.(action, collection)
    close()
  }

  let element: ReactNode = null
  if (action?.kind === 'create' || action?.kind === 'rename') {
    const key = action.kind === 'rename' ? `rename-${action.node.id}` : `create-${action.parent?.id ?? 'top'}`
    element = <CollectionNameDialog key={key} mode={action} onClose={close} onDone={saved} />
  } else if (action?.kind === 'move') {
    element = <MoveCollectionDialog node={action.node} roots={roots} onClose={close} onDone={saved} />
  } else if (action?.kind === 'delete') {
    const node = action.node
    element = (
      <DeleteCollectionDialog
        node={node}
        onClose={close}
        onDone={() => {
          close()
          events.onDeleted?.(node)
        }}
      />
    )
  }
  if (action?.kind === 'export') {
    element = <ExportDialog selection={{ kind: 'collection', id: action.node.id }} what={`the collection ${action.node.name}`} onClose={close} />
  }
  return { open: setAction, element }
}
