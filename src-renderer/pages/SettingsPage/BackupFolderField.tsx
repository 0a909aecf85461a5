import { Button, TextInput } from '@mantine/core'
import { useState, type ReactNode } from 'react'
import type { ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { FolderIcon } from '../../components/icons/nav-icons'

export interface BackupFolderFieldProps {
  label: string
  description?: ReactNode
  value: string
  onChange: (path: string) => void
  /** Shows "Browse…" (the desktop's folder dialog) where the host has one; a typed path elsewhere. */
  canPickFolder: boolean
  dialogTitle: string
  error?: string
  onPickError?: (error: ErrorDto) => void
  disabled?: boolean
}

/** A folder path typed in full, or chosen with the desktop's folder dialog. */
export function BackupFolderField({ label, description, value, onChange, canPickFolder, dialogTitle, error, onPickError, disabled }: BackupFolderFieldProps) {
  const [picking, setPicking] = useState(false)
  const browse = async () => {
    setPicking(true)
    try {
      const picked = await call('app:pick-folder', { title: dialogTitle })
      if (picked.path) onChange(picked.path)
    } catch (err) {
      onPickError?.(toErrorDto(err))
    } finally {
      setPicking(false)
    }
  }
  return (
    <TextInput
      label={label}
      description={description}
      value={value}
      onChange={(event) => onChange(event.currentTarget.value)}
      error={error}
      disabled={disabled}
      autoComplete="off"
      spellCheck={false}
      style={{ flex: 1 }}
      rightSectionWidth={canPickFolder ? 104 : undefined}
      rightSectionPointerEvents="all"
      rightSection={
        canPickFolder ? (
          <Button size="compact-sm" variant="default" leftSection={<FolderIcon size={14} />} onClick={browse} loading={picking} disabled={disabled}>
            Browse…
          </Button>
        ) : undefined
      }
    />
  )
}
