import { Button, Group, Radio, Stack, Textarea, TextInput } from '@mantine/core'
import { useState, type FormEvent } from 'react'
import type { ErrorDto, WatchedFolderDto, WatchModeDto } from '../../../src-preload/contract'
import { useAppInfo } from '../../app/app-info-context'
import { ErrorAlert } from '../../components/ErrorAlert'
import { call, toErrorDto } from '../../lib/call'
import { notifyDone } from '../../lib/notify'
import { folderName } from '../../lib/sync/folder-status'
import { parseIgnorePatterns } from './ignore-patterns'
import classes from './WatchedPage.module.css'

/**
 * A folder to watch: chosen in the system's dialog (desktop) or typed (browser), how its files
 * join the library, and what to leave out. Failures stay under the form with the input kept.
 */
export function AddFolderForm({ onAdded }: { onAdded: (folder: WatchedFolderDto) => void }) {
  const { canPickFolder } = useAppInfo()
  const [path, setPath] = useState('')
  const [mode, setMode] = useState<WatchModeDto>('index')
  const [ignore, setIgnore] = useState('')
  const [pathError, setPathError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'add' | 'pick' | null>(null)
  const [failure, setFailure] = useState<ErrorDto | null>(null)
  const patterns = parseIgnorePatterns(ignore)

  const add = async (event: FormEvent) => {
    event.preventDefault()
    const chosen = path.trim()
    if (!chosen) return setPathError('Type the folder’s full path, or choose it.')
    if (patterns.error) return
    setBusy('add')
    setFailure(null)
    try {
      const folder = await call('sync:add-folder', { path: chosen, mode, ignore: patterns.list })
      onAdded(folder)
      notifyDone(`Watching ${folderName(folder.path)}. Its files are being added to the library.`)
      setPath('')
      setIgnore('')
    } catch (err) {
      setFailure(toErrorDto(err))
    } finally {
      setBusy(null)
    }
  }

  const pick = async () => {
    setBusy('pick')
    try {
      const picked = await call('app:pick-folder', { title: 'Choose a folder to watch' })
      if (picked.path) {
        setPath(picked.path)
        setPathError(null)
      }
    } catch (err) {
      setFailure(toErrorDto(err))
    } finally {
      setBusy(null)
    }
  }

  return (
    <form onSubmit={add} noValidate className={classes.panel} aria-label="Watch a folder">
      <Stack gap="md">
        <Group gap="sm" align="flex-end" wrap="nowrap">
          <TextInput
            className={classes.grow}
            label="Folder"
            description={canPickFolder ? 'Choose a folder, or type its full path.' : 'The folder’s full path on this computer, e.g. /home/ana/Pictures.'}
            placeholder={canPickFolder ? undefined : '/home/you/Pictures'}
            value={path}
            onChange={(event) => {
              setPath(event.currentTarget.value)
              setPathError(null)
            }}
            error={pathError}
            spellCheck={false}
            autoComplete="off"
            ff="monospace"
          />
          {canPickFolder && (
            <Button variant="default" onClick={() => void pick()} loading={busy === 'pick'} disabled={busy === 'add'}>
              Choose…
            </Button>
          )}
        </Group>
        <Radio.Group label="How its files join the library" value={mode} onChange={(value) => setMode(value as WatchModeDto)}>
          <Stack gap={6} mt={6}>
            <Radio value="index" label="Index in place" description="Files stay where they are; Trove reads them from this folder. Nothing is copied." />
            <Radio value="import" label="Import copies" description="Each file is copied into the library; the originals are left as they are." />
          </Stack>
        </Radio.Group>
        <Textarea
          label="Leave out"
          description="One pattern per line, like *.raw, exports/ or cache/**. Hidden, temporary and system files are always left out."
          placeholder={'*.raw\nexports/'}
          autosize
          minRows={2}
          maxRows={6}
          value={ignore}
          onChange={(event) => setIgnore(event.currentTarget.value)}
          error={patterns.error}
          spellCheck={false}
          ff="monospace"
        />
        {failure && <ErrorAlert error={failure} title="The folder could not be watched" onClose={() => setFailure(null)} />}
        <Group justify="flex-end">
          <Button type="submit" loading={busy === 'add'} disabled={busy === 'pick'}>
            Watch this folder
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
