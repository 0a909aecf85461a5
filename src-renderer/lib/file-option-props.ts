import type { FileDto } from '../../src-preload/contract'

/**
 * The listbox-option attributes every file item carries (tile, list row, search hit), so
 * selection, keyboard focus and the tests find them the same way in each view.
 */
export function fileOptionProps(file: Pick<FileDto, 'id' | 'name'>, index: number, count: number, selected: boolean, focused: boolean) {
  return {
    id: `file-option-${file.id}`,
    role: 'option',
    'aria-selected': selected,
    'aria-posinset': index + 1,
    'aria-setsize': count,
    'aria-label': file.name,
    'data-index': index,
    'data-file-id': file.id,
    'data-focused': focused || undefined,
  } as const
}
