import { Badge, Collapse, Group, Stack, Text, UnstyledButton } from '@mantine/core'
import { useState } from 'react'
import type { FileDto } from '../../../src-preload/contract'
import { useCall } from '../../lib/use-call'
import { useTroveEvent } from '../../lib/use-trove-event'
import classes from './DocumentPanels.module.css'

/** Characters of each text shown: the start of a document, not all of it. */
const SHOWN_CHARS = 4_000

const SOURCES = [
  { key: 'document', label: 'from the document' },
  { key: 'ocr', label: 'read from images (OCR)' },
] as const

/**
 * "Text in this file": the words Trove found in it and searches, by where they came from (the
 * file's own text, or OCR of its pictures and scanned pages). Collapsed at first; nothing is
 * shown for a file without text.
 */
export function ExtractedText({ file }: { file: FileDto }) {
  const [open, setOpen] = useState(false)
  const { value, reload } = useCall('files:extracted-text', { id: file.id, maxChars: SHOWN_CHARS })
  useTroveEvent('previews:changed', (change) => change.fileId === file.id && reload())
  const parts = SOURCES.filter((s) => value && value[s.key].length > 0)
  if (!value || parts.length === 0) return null

  return (
    <Stack gap={6} data-testid="extracted-text">
      <UnstyledButton onClick={() => setOpen((o) => !o)} aria-expanded={open} className={classes.sectionToggle}>
        <Group gap="xs">
          <Text size="sm" fw={600}>
            {open ? '▾' : '▸'} Text in this file
          </Text>
          {parts.map((s) => (
            <Badge key={s.key} size="xs" variant="light" color="gray" tt="none" data-testid="extracted-text-source">
              {s.label}
            </Badge>
          ))}
        </Group>
      </UnstyledButton>
      <Collapse expanded={open}>
        <Stack gap="sm">
          {parts.map((s) => {
            const { text, length } = value[s.key]
            return (
              <div key={s.key}>
                <Text size="xs" c="dimmed" mb={2}>
                  Text {s.label}
                  {length > text.length ? ` (the first ${text.length.toLocaleString()} of ${length.toLocaleString()} characters)` : ''}
                </Text>
                <Text size="sm" className={classes.extractedText}>
                  {text}
                </Text>
              </div>
            )
          })}
        </Stack>
      </Collapse>
    </Stack>
  )
}
