import { Button, type ButtonProps } from '@mantine/core'
import { useState } from 'react'
import type { ExportSelectionDto } from '../../../src-preload/contract'
import { FolderIcon } from '../icons/nav-icons'
import { ExportDialog } from './ExportDialog'

export interface ExportButtonProps {
  selection: ExportSelectionDto
  what: string
  label?: string
  size?: ButtonProps['size']
  variant?: ButtonProps['variant']
}

/** "Export…": opens the export dialog for a selection, a collection or a tag. */
export function ExportButton({ selection, what, label = 'Export…', size = 'compact-sm', variant = 'subtle' }: ExportButtonProps) {
  const [open, setOpen] = useState(false)
  return (
    <>
      <Button size={size} variant={variant} leftSection={<FolderIcon size={16} />} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <ExportDialog selection={open ? selection : null} what={what} onClose={() => setOpen(false)} />
    </>
  )
}
