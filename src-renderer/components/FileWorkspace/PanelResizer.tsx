import { useRef, type KeyboardEvent, type PointerEvent } from 'react'
import classes from './FileWorkspace.module.css'

export interface PanelResizerProps {
  width: number
  min: number
  max: number
  onResize: (width: number) => void
}

/** The handle between the files and the details panel: drag it, or focus it and use the arrows. */
export function PanelResizer({ width, min, max, onResize }: PanelResizerProps) {
  const drag = useRef<{ x: number; width: number } | null>(null)
  const clamp = (w: number) => Math.round(Math.max(min, Math.min(max, w)))

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId)
    drag.current = { x: event.clientX, width }
  }
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    if (drag.current) onResize(clamp(drag.current.width + drag.current.x - event.clientX))
  }
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    const step = event.shiftKey ? 64 : 16
    const next = { ArrowLeft: width + step, ArrowRight: width - step, Home: max, End: min }[event.key]
    if (next === undefined) return
    event.preventDefault()
    onResize(clamp(next))
  }

  return (
    <div
      className={classes.resizer}
      role="separator"
      aria-orientation="vertical"
      aria-label="Width of the details panel"
      aria-valuenow={width}
      aria-valuemin={min}
      aria-valuemax={max}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={() => (drag.current = null)}
      onPointerCancel={() => (drag.current = null)}
      onKeyDown={onKeyDown}
    />
  )
}
