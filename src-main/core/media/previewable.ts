import type { FileKind } from '../db/schema'

/**
 * Kinds the preview pipeline makes previews for: an imported file of these kinds starts
 * 'pending'; the others stay 'none'. Within a kind, a file whose type no maker accepts
 * (a .docx among documents) ends as 'none' too. Add a kind when its maker lands.
 */
export const PREVIEWABLE_KINDS: readonly FileKind[] = ['image', 'video', 'audio', 'document', 'text']

export const isPreviewable = (kind: FileKind): boolean => PREVIEWABLE_KINDS.includes(kind)
