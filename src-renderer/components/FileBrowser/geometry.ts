/** Space around the grid, so focus rings are not clipped. */
export const PADDING = 6
export const LIST_ROW_HEIGHT = 40
export const LIST_HEADER_HEIGHT = 34

const MIN_TILE = 164
const GAP = 10
/** Name and size under each thumbnail, plus the tile's padding. */
const CAPTION = 58
/** Thumbnails sit in a 4:3 box: most photos are landscape, and a square leaves them adrift. */
const THUMB_RATIO = 0.75

export interface GridGeometry {
  columns: number
  tileWidth: number
  rowHeight: number
  gap: number
}

/** How many columns fit `width`, and how tall a row of thumbnails is then. */
export function gridGeometry(width: number): GridGeometry {
  const inner = Math.max(0, width - 2 * PADDING)
  const columns = Math.max(1, Math.floor((inner + GAP) / (MIN_TILE + GAP)))
  const tileWidth = Math.max(MIN_TILE, (inner - GAP * (columns - 1)) / columns)
  return { columns, tileWidth, rowHeight: Math.round((tileWidth - 12) * THUMB_RATIO + CAPTION), gap: GAP }
}
