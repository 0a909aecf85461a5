import { Text, Typography } from '@mantine/core'
import Markdown, { type Components } from 'react-markdown'

/**
 * Markdown rendered as React elements (never as an HTML string): raw HTML in the text is left out,
 * never parsed or run, and
 * link addresses go through react-markdown's safe URL filter. Images are not fetched (the
 * window may load nothing from outside), so they are shown as their description.
 */
const components: Components = {
  img: ({ alt }) => <span>[image{alt ? `: ${alt}` : ''}]</span>,
  a: ({ href, children }) => (
    <a href={href} target="_blank" rel="noopener noreferrer">
      {children}
    </a>
  ),
}

export function MarkdownPreview({ source }: { source: string }) {
  if (!source.trim()) {
    return (
      <Text size="sm" c="dimmed">
        Nothing written yet.
      </Text>
    )
  }
  return (
    <Typography data-testid="diary-markdown">
      <Markdown components={components} skipHtml>
        {source}
      </Markdown>
    </Typography>
  )
}
