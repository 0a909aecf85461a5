import { Button, Menu, type ButtonProps } from '@mantine/core'
import { useEffect, useRef } from 'react'
import { useAppInfo } from '../../app/app-info-context'
import { call, toErrorDto } from '../../lib/call'
import { useImportsStore } from '../../lib/imports/imports-context'
import { notifyImport } from '../../lib/imports/notify-import'
import type { ImportTarget } from '../../lib/imports/types'
import { FileAddIcon, FolderAddIcon, UploadIcon } from '../icons/import-icons'
import classes from './AddFilesButton.module.css'

export interface AddFilesButtonProps {
  /** Import into this collection too (the library only when absent). */
  target?: ImportTarget | null
  label?: string
  variant?: ButtonProps['variant']
  size?: ButtonProps['size']
}

/**
 * "Add files": pick files, or a whole folder, to import. In the desktop app a folder is chosen
 * with the system's dialog and imported by path; in a browser its files are uploaded.
 */
export function AddFilesButton({ target = null, label = 'Add files', variant = 'light', size = 'sm' }: AddFilesButtonProps) {
  const store = useImportsStore()
  const { canPickFolder } = useAppInfo()
  const filesInput = useRef<HTMLInputElement>(null)
  const folderInput = useRef<HTMLInputElement>(null)

  useEffect(() => {
    if (folderInput.current) folderInput.current.webkitdirectory = true
  }, [])

  const take = (input: HTMLInputElement) => {
    const files = Array.from(input.files ?? [])
    input.value = '' // so choosing the same files again is noticed
    if (files.length > 0) void store.importFiles(files, target)
  }

  const pickFolder = async () => {
    if (!canPickFolder) return folderInput.current?.click()
    try {
      const { path } = await call('app:pick-folder', { title: 'Choose a folder to import' })
      if (path) await store.importPaths([path], target)
    } catch (err) {
      const error = toErrorDto(err)
      notifyImport({ title: 'The folder could not be chosen', message: error.message, tone: 'error', error })
    }
  }

  return (
    <>
      <Menu position="bottom-end" withinPortal>
        <Menu.Target>
          <Button variant={variant} size={size} leftSection={<UploadIcon size={16} />}>
            {label}
          </Button>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Item leftSection={<FileAddIcon size={16} />} onClick={() => filesInput.current?.click()}>
            Files…
          </Menu.Item>
          <Menu.Item leftSection={<FolderAddIcon size={16} />} onClick={() => void pickFolder()}>
            A folder…
          </Menu.Item>
        </Menu.Dropdown>
      </Menu>
      <input
        ref={filesInput}
        className={classes.hidden}
        type="file"
        multiple
        tabIndex={-1}
        aria-hidden="true"
        data-testid="add-files-input"
        onChange={(event) => take(event.currentTarget)}
      />
      <input
        ref={folderInput}
        className={classes.hidden}
        type="file"
        multiple
        tabIndex={-1}
        aria-hidden="true"
        data-testid="add-folder-input"
        onChange={(event) => take(event.currentTarget)}
      />
    </>
  )
}
