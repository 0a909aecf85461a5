import { Button, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { ExportDialog } from '../../components/ExportDialog'
import { FolderIcon } from '../../components/icons/nav-icons'

/**
 * "Export diary…": the diary as Markdown files with their photos, videos and sounds, decrypted.
 * Asks the person to confirm that these are readable copies outside the vault.
 */
export function DiaryExportButton() {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button size="compact-sm" variant="default" leftSection={<FolderIcon size={16} />} onClick={() => setOpen(true)}>
        Export diary…
      </Button>
      <ExportDialog
        selection={open ? { kind: 'diary' } : null}
        what="the diary"
        onClose={() => setOpen(false)}
        intro={
          <Stack gap={4}>
            <Text size="sm">
              Writes every entry as a Markdown file (date, mood and tags at the top, then the text) in a Diary folder, with its photos, videos and sounds in a folder of the same name beside it.
            </Text>
            <Text size="sm" fw={600}>
              These copies are not encrypted: anyone who can open that folder can read them. Keep them somewhere as safe as the diary, or delete them when done.
            </Text>
          </Stack>
        }
        confirm="I understand: this writes readable copies of my diary outside the vault."
      />
    </>
  )
}
