import { useEffect } from 'react'
import type { ImportTarget } from './types'
import type { ImportsStore } from './imports-store'

/** Typing places, where Ctrl/Cmd+V pastes text as usual. */
function isEditable(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false
  return target.isContentEditable || target.closest('input, textarea, select, [contenteditable="true"]') !== null
}

/**
 * Ctrl/Cmd+V of an image (a screenshot, an image copied from a page) or of copied files
 * uploads it, into the collection the page shows when it shows one.
 */
export function usePasteImport(store: ImportsStore, targetNow: () => ImportTarget | null): void {
  useEffect(() => {
    const onPaste = (event: ClipboardEvent) => {
      if (isEditable(event.target)) return
      const files = Array.from(event.clipboardData?.files ?? [])
      if (files.length === 0) return
      event.preventDefault()
      store.pasteFiles(files, targetNow())
    }
    window.addEventListener('paste', onPaste)
    return () => window.removeEventListener('paste', onPaste)
  }, [store, targetNow])
}
