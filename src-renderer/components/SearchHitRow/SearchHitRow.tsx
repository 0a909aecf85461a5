import { Badge, Group, Text } from '@mantine/core'
import { memo } from 'react'
import type { SearchField, SearchHitDto } from '../../../src-preload/contract'
import { formatBytes } from '../../lib/format-bytes'
import { FileThumb } from '../FileThumb'
import { HighlightedText } from '../HighlightedText'
import classes from './SearchHitRow.module.css'
import { fileOptionProps } from '../../lib/file-option-props'

export const SEARCH_HIT_HEIGHT = 84

const FIELD_LABELS: Record<SearchField, string> = { name: 'name', tags: 'tag', note: 'note', text: 'document text', ocr: 'text in images' }

/** The excerpt shown under the name: the file's own text first, then text read by OCR, then the note. */
const EXCERPT_FIELDS = ['text', 'ocr', 'note'] as const
const EXCERPT_LABELS: Record<(typeof EXCERPT_FIELDS)[number], string> = {
  text: 'In the document text: ',
  ocr: 'In text read from images (OCR): ',
  note: 'Note: ',
}

export interface SearchHitRowProps {
  hit: SearchHitDto | undefined
  index: number
  count: number
  selected: boolean
  focused: boolean
}

/** One search result: the name and the excerpt with the matched words marked, and where they were found. */
export const SearchHitRow = memo(function SearchHitRow({ hit, index, count, selected, focused }: SearchHitRowProps) {
  if (!hit) return null
  const { file, highlights, matchedIn } = hit
  const excerptField = EXCERPT_FIELDS.find((field) => highlights[field])
  const excerpt = excerptField ? highlights[excerptField] : undefined
  return (
    <div
      {...fileOptionProps(file, index, count, selected, focused)}
      className={classes.row}
      data-testid="search-hit"
    >
      <span className={classes.thumb}>
        <FileThumb file={file} size="small" />
      </span>
      <div className={classes.body}>
        <Group gap="xs" wrap="nowrap" justify="space-between">
          <Text size="sm" fw={600} truncate="end" title={file.name}>
            {highlights.name ? <HighlightedText segments={highlights.name} /> : file.name}
          </Text>
          <Group gap={4} wrap="nowrap" className={classes.fields}>
            <Text size="xs" c="dimmed" span>
              found in
            </Text>
            {matchedIn.map((field) => (
              <Badge key={field} size="sm" variant="light" color="yellow" radius="sm" tt="none" fw={500} data-testid="matched-in">
                {FIELD_LABELS[field]}
              </Badge>
            ))}
          </Group>
        </Group>
        {excerpt ? (
          <Text size="sm" c="dimmed" lineClamp={1} data-testid="search-snippet" data-field={excerptField}>
            <span className={classes.label}>{excerptField ? EXCERPT_LABELS[excerptField] : ''}</span>
            <HighlightedText segments={excerpt} />
          </Text>
        ) : (
          <Text size="sm" c="dimmed" truncate="end">
            {highlights.tags ? (
              <>
                Tags: <HighlightedText segments={highlights.tags} />
              </>
            ) : matchedIn.includes('text') ? (
              'The words are in the text inside this file.'
            ) : matchedIn.includes('ocr') ? (
              'The words are in text read from the pictures in this file.'
            ) : (
              file.mime
            )}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          {formatBytes(file.size)}
          {file.tags.length > 0 && ` · ${file.tags.map((t) => t.name).join(', ')}`}
        </Text>
      </div>
    </div>
  )
})
