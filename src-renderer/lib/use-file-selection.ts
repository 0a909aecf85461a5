import { useCallback, useEffect, useMemo, useState } from 'react'
import type { FileSource } from './file-pager'

/** The most files one bulk request takes; "select all" beyond it selects what is loaded. */
export const BULK_LIMIT = 10_000

export interface SelectModifiers {
  /** Shift: extend from the anchor. */
  range?: boolean
  /** Ctrl/Cmd: toggle one (click), or move the focus without selecting (arrows). */
  toggle?: boolean
}

export interface SelectAllResult {
  selected: number
  /** True when only the loaded files were selected (more match than one request takes). */
  partial: boolean
}

export interface FileSelection {
  ids: ReadonlySet<number>
  /** The index the keyboard is on. */
  focus: number | null
  /** The id of the file at `focus`. */
  focusId: number | null
  /** Where a Shift-extended range starts. */
  anchor: number | null
  click(index: number, mods?: SelectModifiers): void
  moveTo(index: number, mods?: SelectModifiers): void
  toggleFocused(): void
  selectAll(): Promise<SelectAllResult>
  clear(): void
  /** Drops ids from the selection (they were trashed or restored). */
  remove(ids: readonly number[]): void
}

interface State {
  ids: ReadonlySet<number>
  focus: number | null
  focusId: number | null
  anchor: number | null
}

const EMPTY: State = { ids: new Set(), focus: null, focusId: null, anchor: null }

/**
 * Selection over a file list the way file managers do it: click selects one, Shift-click a
 * range from the anchor, Ctrl/Cmd-click toggles; arrows move the focus (and the selection,
 * unless Ctrl/Cmd is held). Ids are kept, not indexes, so the selection survives a refresh;
 * the focus follows its file when the list shifts.
 */
export function useFileSelection(source: FileSource, version: number): FileSelection {
  const [state, setState] = useState<State>(EMPTY)

  // A new list (other filters or sort): nothing is selected in it, but the focused file stays
  // the one the details show, and the focus finds it in the new list if it is there.
  useEffect(() => setState((s) => ({ ...EMPTY, focusId: s.focusId })), [source])

  // The list changed under the focus (an import above it): follow the focused file.
  useEffect(() => {
    setState((s) => {
      if (s.focusId === null || (s.focus !== null && source.get(s.focus)?.id === s.focusId)) return s
      const moved = source.indexOf(s.focusId)
      if (moved < 0) return s
      const shift = s.focus === null ? 0 : moved - s.focus
      return { ...s, anchor: s.anchor === null ? moved : s.anchor + shift, focus: moved }
    })
  }, [source, version])

  const selectRange = useCallback(
    (from: number, to: number, base: ReadonlySet<number>, focus: number) => {
      const [a, b] = from <= to ? [from, to] : [to, from]
      const set = (files: Array<{ id: number }>) =>
        setState((s) => ({ ...s, ids: new Set([...base, ...files.map((f) => f.id)]) }))
      const loaded: Array<{ id: number }> = []
      for (let i = a; i <= b; i++) {
        const f = source.get(i)
        if (!f) {
          void source.itemsIn(a, Math.min(b, a + BULK_LIMIT - 1)).then(set, () => undefined)
          break
        }
        loaded.push(f)
      }
      if (loaded.length === b - a + 1) set(loaded)
      setState((s) => ({ ...s, focus, focusId: source.get(focus)?.id ?? null }))
    },
    [source],
  )

  const apply = useCallback(
    (index: number, mods: SelectModifiers, keyboard: boolean) => {
      const count = source.count
      if (count === 0) return
      const target = Math.max(0, Math.min(count - 1, index))
      const id = source.get(target)?.id ?? null
      if (mods.range) {
        const anchor = state.anchor ?? state.focus ?? target
        const base = mods.toggle ? state.ids : new Set<number>()
        setState((s) => ({ ...s, anchor }))
        selectRange(anchor, target, base, target)
        return
      }
      if (mods.toggle) {
        if (keyboard) return setState((s) => ({ ...s, focus: target, focusId: id }))
        const ids = new Set(state.ids)
        if (id !== null && !ids.delete(id)) ids.add(id)
        return setState({ ids, focus: target, focusId: id, anchor: target })
      }
      setState({ ids: new Set(id === null ? [] : [id]), focus: target, focusId: id, anchor: target })
    },
    [source, state, selectRange],
  )

  const selectAll = useCallback(async (): Promise<SelectAllResult> => {
    const whole = source.count <= BULK_LIMIT
    const ids = whole ? await source.allIds(BULK_LIMIT) : source.loadedItems().map((f) => f.id)
    setState((s) => ({ ...s, ids: new Set(ids) }))
    return { selected: ids.length, partial: !whole || ids.length >= BULK_LIMIT }
  }, [source])

  return useMemo<FileSelection>(
    () => ({
      ...state,
      click: (index, mods = {}) => apply(index, mods, false),
      moveTo: (index, mods = {}) => apply(index, mods, true),
      toggleFocused: () => {
        if (state.focus === null) return
        const id = source.get(state.focus)?.id
        if (id === undefined) return
        const ids = new Set(state.ids)
        if (!ids.delete(id)) ids.add(id)
        setState({ ...state, ids, anchor: state.focus })
      },
      selectAll,
      clear: () => setState((s) => ({ ...s, ids: new Set(), anchor: s.focus })),
      remove: (gone) => setState((s) => ({ ...s, ids: new Set([...s.ids].filter((id) => !gone.includes(id))) })),
    }),
    [state, apply, selectAll, source],
  )
}
