import { useRef, useState, type DragEvent } from 'react'
import type { CollectionNodeDto } from '../../../src-preload/contract'
import { subtreeIds } from '../../lib/collections/tree'

/** What a dragged collection carries (never files: the file drop overlay leaves it alone). */
const COLLECTION_TYPE = 'application/x-trove-collection'

export type DropInto = number | 'top' | null

/**
 * Moving collections by dragging a row: onto another row (it goes inside that one) or onto the
 * tree's heading (it goes to the top level). A move into itself or below itself is not offered.
 */
export function useCollectionDrag(onMove: (node: CollectionNodeDto, parentId: number | null) => void) {
  const dragged = useRef<CollectionNodeDto | null>(null)
  const [dropInto, setDropInto] = useState<DropInto>(null)

  const accepts = (target: CollectionNodeDto | null): boolean => {
    const node = dragged.current
    if (!node) return false
    if (target === null) return node.parentId !== null
    return node.parentId !== target.id && !subtreeIds(node).has(target.id)
  }

  const end = () => {
    dragged.current = null
    setDropInto(null)
  }

  const targetProps = (target: CollectionNodeDto | null) => {
    const key: DropInto = target === null ? 'top' : target.id
    return {
      onDragOver: (event: DragEvent) => {
        if (!accepts(target)) return
        event.preventDefault()
        event.stopPropagation()
        event.dataTransfer.dropEffect = 'move'
        if (dropInto !== key) setDropInto(key)
      },
      onDragLeave: (event: DragEvent) => {
        if (event.currentTarget.contains(event.relatedTarget as Node | null)) return
        setDropInto((current) => (current === key ? null : current))
      },
      onDrop: (event: DragEvent) => {
        const node = dragged.current
        if (!node || !accepts(target)) return
        event.preventDefault()
        event.stopPropagation()
        end()
        onMove(node, target === null ? null : target.id)
      },
    }
  }

  const rowProps = (node: CollectionNodeDto) => ({
    draggable: true,
    onDragStart: (event: DragEvent) => {
      event.stopPropagation()
      dragged.current = node
      event.dataTransfer.effectAllowed = 'move'
      event.dataTransfer.setData(COLLECTION_TYPE, String(node.id))
      event.dataTransfer.setData('text/plain', node.name)
    },
    onDragEnd: end,
    ...targetProps(node),
  })

  return { dropInto, rowProps, topProps: targetProps(null), dragging: () => dragged.current !== null }
}
