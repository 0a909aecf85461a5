import { Button, Group, NativeSelect, Skeleton, Stack, Text, TextInput } from '@mantine/core'
import { useEffect, useState, type FormEvent } from 'react'
import type { ErrorDto } from '../../../src-preload/contract'
import { ErrorAlert } from '../../components/ErrorAlert'
import { call, toErrorDto } from '../../lib/call'
import { formatBytes } from '../../lib/format-bytes'
import { notifyDone } from '../../lib/notify'
import { useCall } from '../../lib/use-call'
import { checkDraft, draftOf, type SettingsDraft, type SizeUnit } from './library-settings-input'

/** The library's own settings (they travel with the library): the largest file, the trash period. */
export function LibrarySettingsForm() {
  const settings = useCall('library:get-settings', {})
  const [draft, setDraft] = useState<SettingsDraft | null>(null)
  const [touched, setTouched] = useState(false)
  const [busy, setBusy] = useState(false)
  const [failure, setFailure] = useState<ErrorDto | null>(null)

  useEffect(() => {
    if (settings.value) setDraft(draftOf(settings.value))
  }, [settings.value])

  if (settings.error && !settings.value) return <ErrorAlert error={settings.error} title="The library’s settings could not be read" />
  if (!draft || !settings.value) return <Skeleton h={120} aria-label="Loading the library’s settings" />

  const check = checkDraft(draft, settings.value)
  const saved = draftOf(settings.value)
  const changed = check.value !== null && Object.keys(check.value).length > 0
  const edit = (patch: Partial<SettingsDraft>) => {
    setDraft({ ...draft, ...patch })
    setFailure(null)
  }

  const save = async (event: FormEvent) => {
    event.preventDefault()
    setTouched(true)
    if (!check.value || !changed) return
    setBusy(true)
    try {
      const next = await call('library:set-settings', check.value)
      settings.setValue(next)
      setTouched(false)
      notifyDone(`Saved: files up to ${formatBytes(next.maxFileBytes)}; the trash keeps files ${next.trashRetentionDays} days.`)
    } catch (err) {
      setFailure(toErrorDto(err))
    } finally {
      setBusy(false)
    }
  }

  return (
    <form onSubmit={save} noValidate aria-label="Library settings">
      <Stack gap="md">
        <div>
          <Group gap={6} align="flex-start" wrap="nowrap">
            <TextInput
              label="Largest file"
              inputMode="decimal"
              value={draft.size}
              onChange={(e) => edit({ size: e.currentTarget.value })}
              onBlur={() => setTouched(true)}
              error={touched ? check.sizeError : null}
              w={200}
              aria-describedby="largest-file-help"
            />
            <NativeSelect aria-label="Unit" data={['MB', 'GB']} value={draft.unit} onChange={(e) => edit({ unit: e.currentTarget.value as SizeUnit })} w={80} mt={26} />
          </Group>
          <Text size="xs" c="dimmed" mt={4} id="largest-file-help">
            Bigger files are refused when imported, uploaded or found in an import-mode watched folder.
          </Text>
        </div>
        <TextInput
          label="Keep trashed files for"
          description="Files in the trash longer than this are deleted for good when the library next opens."
          inputMode="numeric"
          value={draft.days}
          onChange={(e) => edit({ days: e.currentTarget.value })}
          onBlur={() => setTouched(true)}
          error={touched ? check.daysError : null}
          rightSection="days"
          rightSectionWidth={52}
          styles={{ wrapper: { width: 200 } }}
        />
        {failure && <ErrorAlert error={failure} title="The settings could not be saved" onClose={() => setFailure(null)} />}
        <Group gap="sm">
          <Button type="submit" loading={busy} disabled={!changed && check.value !== null}>
            Save
          </Button>
          <Button variant="subtle" disabled={busy || JSON.stringify(draft) === JSON.stringify(saved)} onClick={() => (setDraft(saved), setTouched(false), setFailure(null))}>
            Undo changes
          </Button>
        </Group>
      </Stack>
    </form>
  )
}
