import { Code, Loader, ScrollArea, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { contentUrl } from '../../lib/content-url'
import { formatBytes } from '../../lib/format-bytes'
import classes from './FileDetailPanel.module.css'

/** How much of a text file the panel shows. */
const TEXT_PREVIEW_BYTES = 32 * 1024

type State = { status: 'loading' } | { status: 'done'; text: string } | { status: 'failed'; reason: string }

/** The start of a text file, read through the content URL with a Range request. */
export function TextPreview({ sha256, size }: { sha256: string; size: number }) {
  const [state, setState] = useState<State>({ status: 'loading' })

  useEffect(() => {
    const abort = new AbortController()
    setState({ status: 'loading' })
    fetch(contentUrl('original', sha256), { headers: { Range: `bytes=0-${TEXT_PREVIEW_BYTES - 1}` }, signal: abort.signal })
      .then(async (response) => {
        if (!response.ok) throw new Error(`the library answered ${response.status} ${response.statusText}`.trim())
        const bytes = new Uint8Array(await response.arrayBuffer()).subarray(0, TEXT_PREVIEW_BYTES)
        setState({ status: 'done', text: new TextDecoder('utf-8').decode(bytes) })
      })
      .catch((err: unknown) => {
        if (abort.signal.aborted) return
        setState({ status: 'failed', reason: err instanceof Error ? err.message : String(err) })
      })
    return () => abort.abort()
  }, [sha256])

  if (state.status === 'loading') return <Loader size="sm" m="md" aria-label="Reading the text" />
  if (state.status === 'failed') {
    return (
      <Text size="sm" c="dimmed" p="sm">
        The text could not be shown: {state.reason}.
      </Text>
    )
  }
  return (
    <div>
      <ScrollArea.Autosize mah={260} type="auto" className={classes.textPreview}>
        <Code block className={classes.code} data-testid="text-preview">
          {state.text || '(empty file)'}
        </Code>
      </ScrollArea.Autosize>
      {size > TEXT_PREVIEW_BYTES && (
        <Text size="xs" c="dimmed" mt={4}>
          The first {formatBytes(TEXT_PREVIEW_BYTES)} of {formatBytes(size)}.
        </Text>
      )}
    </div>
  )
}
