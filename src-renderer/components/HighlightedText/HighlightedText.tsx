import type { TextSegment } from '../../../src-preload/contract'
import classes from './HighlightedText.module.css'

export interface HighlightedTextProps {
  segments: readonly TextSegment[]
}

/** Text with the words a search matched marked. Each segment is text, never HTML. */
export function HighlightedText({ segments }: HighlightedTextProps) {
  return (
    <>
      {segments.map((segment, i) =>
        segment.match ? (
          <mark key={i} className={classes.mark}>
            {segment.text}
          </mark>
        ) : (
          <span key={i}>{segment.text}</span>
        ),
      )}
    </>
  )
}
