import { useEffect, useRef, useState } from 'react'

/** Where a drop lands: a collection (a node of the sidebar tree, a collection's page) or the library. */
export interface DropTarget {
  collectionId: number
  name: string
  /** Outline to draw over the target (the tree's rows); null for a whole page. */
  rect: Box | null
  /** Where the target's name is written in it, to write it again above the veil. */
  labelRect: Box | null
}

export interface Box {
  top: number
  left: number
  width: number
  height: number
}

const boxOf = (element: Element | null): Box | null => {
  if (!element) return null
  const { top, left, width, height } = element.getBoundingClientRect()
  return { top, left, width, height }
}

export interface FileDragState {
  active: boolean
  /** Items dragged (files, or folders too). */
  count: number
  /** True when every item is known to be a file (folders have no type while dragged). */
  onlyFiles: boolean
  target: DropTarget | null
}

const IDLE: FileDragState = { active: false, count: 0, onlyFiles: true, target: null }

/** The browser repeats dragover while a drag rests over the window (every 350 ms ± 200 ms). */
const STALE_DRAG_MS = 1200

/**
 * Marks an element as a drop target: `<div {...dropTargetProps(id, name, 'row')}>`. A row (of
 * the tree) is outlined while files are over it (its name is the element marked with
 * `data-drop-label`); a page is the target of a paste as well.
 */
export function dropTargetProps(collectionId: number, name: string, scope: 'row' | 'page') {
  return { 'data-drop-collection-id': String(collectionId), 'data-drop-collection-name': name, 'data-drop-scope': scope }
}

/** The collection a page shows, if it takes drops and pastes (null: the library). */
export function pageDropTarget(): DropTarget | null {
  const element = document.querySelector<HTMLElement>('[data-drop-scope="page"][data-drop-collection-id]')
  return element ? readTarget(element) : null
}

function readTarget(element: HTMLElement): DropTarget | null {
  const id = Number(element.dataset.dropCollectionId)
  if (!Number.isInteger(id) || id <= 0) return null
  const row = element.dataset.dropScope === 'row'
  return {
    collectionId: id,
    name: element.dataset.dropCollectionName ?? '',
    rect: row ? boxOf(element) : null,
    labelRect: row ? boxOf(element.querySelector('[data-drop-label]')) : null,
  }
}

const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false

function targetOf(event: DragEvent): DropTarget | null {
  const element = event.target instanceof Element ? event.target.closest<HTMLElement>('[data-drop-collection-id]') : null
  return element ? readTarget(element) : null
}

function sameTarget(a: DropTarget | null, b: DropTarget | null): boolean {
  if (a === null || b === null) return a === b
  return a.collectionId === b.collectionId && a.rect?.top === b.rect?.top && a.rect?.left === b.rect?.left
}

/**
 * Follows files dragged over the window. Entering and leaving each element fires its own
 * events, so the overlay stays while the count of entered elements is above zero; it also goes
 * on drop, on Escape, and when the browser stops repeating dragover (a drag that ended
 * elsewhere). Drags of things other than files (moving a collection in the tree) are left alone.
 */
export function useFileDrag(onDrop: (transfer: DataTransfer, target: DropTarget | null) => void): FileDragState {
  const [state, setState] = useState<FileDragState>(IDLE)
  const latestDrop = useRef(onDrop)
  latestDrop.current = onDrop

  useEffect(() => {
    let depth = 0
    let timer: ReturnType<typeof setTimeout> | undefined
    const reset = () => {
      depth = 0
      clearTimeout(timer)
      setState(IDLE)
    }
    const keepAlive = () => {
      clearTimeout(timer)
      timer = setTimeout(reset, STALE_DRAG_MS)
    }
    const describe = (event: DragEvent) => {
      const items = Array.from(event.dataTransfer?.items ?? []).filter((item) => item.kind === 'file')
      const target = targetOf(event)
      setState((prev) =>
        prev.active && prev.count === items.length && sameTarget(prev.target, target)
          ? prev
          : { active: true, count: items.length, onlyFiles: items.every((item) => item.type !== ''), target },
      )
    }
    const onEnter = (event: DragEvent) => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      depth++
      describe(event)
      keepAlive()
    }
    const onOver = (event: DragEvent) => {
      if (!carriesFiles(event)) return
      event.preventDefault()
      if (event.dataTransfer) event.dataTransfer.dropEffect = 'copy'
      describe(event)
      keepAlive()
    }
    const onLeave = (event: DragEvent) => {
      if (!carriesFiles(event)) return
      depth = Math.max(0, depth - 1)
      if (depth === 0) reset()
    }
    const onDropEvent = (event: DragEvent) => {
      if (!carriesFiles(event)) return
      // Never let the browser open the file in place of the app.
      event.preventDefault()
      const target = targetOf(event)
      reset()
      if (event.dataTransfer) latestDrop.current(event.dataTransfer, target)
    }
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') reset()
    }
    // Capture: the tree's own drag handlers stop drops from bubbling.
    window.addEventListener('dragenter', onEnter, true)
    window.addEventListener('dragover', onOver, true)
    window.addEventListener('dragleave', onLeave, true)
    window.addEventListener('drop', onDropEvent, true)
    window.addEventListener('dragend', reset, true)
    window.addEventListener('keydown', onKey, true)
    return () => {
      clearTimeout(timer)
      window.removeEventListener('dragenter', onEnter, true)
      window.removeEventListener('dragover', onOver, true)
      window.removeEventListener('dragleave', onLeave, true)
      window.removeEventListener('drop', onDropEvent, true)
      window.removeEventListener('dragend', reset, true)
      window.removeEventListener('keydown', onKey, true)
    }
  }, [])

  return state
}
