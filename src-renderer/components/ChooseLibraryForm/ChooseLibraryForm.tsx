import { Button, Group, Stack, TextInput } from '@mantine/core'
import { useState, type FormEvent, type ReactNode } from 'react'
import type { AppInfoDto, ErrorDto } from '../../../src-preload/contract'
import { call, toErrorDto } from '../../lib/call'
import { ErrorAlert } from '../ErrorAlert'
import { FolderIcon } from '../icons/nav-icons'
import classes from './ChooseLibraryForm.module.css'

export interface ChooseLibraryFormProps {
  /** What the path field starts with (the proposed default on first run, nothing in Settings). */
  initialPath?: string
  label: string
  description?: ReactNode
  submitLabel: string
  /** Shows "Browse…" (a native folder dialog); only where the host has one. */
  canPickFolder: boolean
  /** Called with the new app info once the library is open. */
  onOpened: (info: AppInfoDto) => void
  /** Called when the user asks to open a folder, before the answer. */
  onAttempt?: () => void
}

/**
 * A folder path, an optional "Browse…", and a button that calls `app:choose-library`. A failure
 * is shown under the form with the folder left as typed, so the user can correct it or pick
 * another one.
 */
export function ChooseLibraryForm(props: ChooseLibraryFormProps) {
  const { initialPath = '', label, description, submitLabel, canPickFolder, onOpened, onAttempt } = props
  const [path, setPath] = useState(initialPath)
  const [missing, setMissing] = useState(false)
  const [busy, setBusy] = useState<'open' | 'pick' | null>(null)
  const [failure, setFailure] = useState<ErrorDto | null>(null)

  const open = async (event: FormEvent) => {
    event.preventDefault()
    const chosen = path.trim()
    if (!chosen) {
      setMissing(true)
      return
    }
    setBusy('open')
    setFailure(null)
    onAttempt?.()
    try {
      onOpened(await call('app:choose-library', { path: chosen }))
      setPath(initialPath)
    } catch (err) {
      setFailure(toErrorDto(err))
    } finally {
      setBusy(null)
    }
  }

  const browse = async () => {
    setBusy('pick')
    try {
      const picked = await call('app:pick-folder', { title: 'Choose a library folder' })
      if (picked.path) {
        setPath(picked.path)
        setMissing(false)
        setFailure(null)
      }
    } catch (err) {
      setFailure(toErrorDto(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <form onSubmit={open} noValidate>
      <Stack gap="md">
        <TextInput
          className={classes.path}
          label={label}
          description={description}
          value={path}
          onChange={(event) => {
            setPath(event.currentTarget.value)
            setMissing(false)
          }}
          error={missing ? 'Enter the full path of a folder.' : undefined}
          autoComplete="off"
          spellCheck={false}
          rightSectionWidth={canPickFolder ? 104 : undefined}
          rightSectionPointerEvents="all"
          rightSection={
            canPickFolder ? (
              <Button
                size="compact-sm"
                variant="default"
                leftSection={<FolderIcon size={14} />}
                onClick={browse}
                loading={busy === 'pick'}
                disabled={busy === 'open'}
              >
                Browse…
              </Button>
            ) : undefined
          }
        />
        <Group>
          <Button type="submit" loading={busy === 'open'} disabled={busy === 'pick'}>
            {submitLabel}
          </Button>
        </Group>
        {failure && (
          <ErrorAlert error={failure} onClose={() => setFailure(null)} />
        )}
      </Stack>
    </form>
  )
}
