import { Alert, Stack, Text } from '@mantine/core'
import { useEffect, useState } from 'react'
import { useAppInfo, useAppInfoState } from '../../app/app-info-context'
import { ChooseLibraryForm } from '../../components/ChooseLibraryForm'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PageHeader } from '../../components/PageHeader'
import { AboutDetails } from './AboutDetails'
import { BackupSections } from './BackupSections'
import { LibraryDetails } from './LibraryDetails'
import { LibrarySettingsForm } from './LibrarySettingsForm'
import { PreviewSettings } from './PreviewSettings'
import { SettingsSection } from './SettingsSection'

export function SettingsPage() {
  const { reload, setValue, error } = useAppInfoState()
  const info = useAppInfo()
  const [opened, setOpened] = useState<string | null>(null)

  // The shell's copy may be old (free space, row counts): ask again when the page opens.
  useEffect(() => reload(), [reload])

  return (
    <>
      <PageHeader title="Settings" description="Your library folder, how it takes in files, and what Trove runs on." />
      <Stack gap="lg" maw={820}>
        {error && <ErrorAlert error={error} title="The details below could not be refreshed" />}
        {info.library && (
          <SettingsSection title="Library" description="The folder that holds your library: its database and the stored files.">
            <LibraryDetails library={info.library} />
          </SettingsSection>
        )}
        {info.library && (
          <SettingsSection title="Importing and the trash" description="Kept in the library itself, so they travel with it.">
            <LibrarySettingsForm key={info.library.path} />
          </SettingsSection>
        )}
        {info.library && (
          <SettingsSection title="Previews" description="Thumbnails, facts and the words inside files, made in the background.">
            <PreviewSettings />
          </SettingsSection>
        )}
        <SettingsSection
          title="Use another library folder"
          description="Trove closes the current library and opens the one in this folder. An empty or new folder becomes a new library; nothing is copied or moved."
        >
          {opened && (
            <Alert color="teal" variant="light" title="Library opened" withCloseButton closeButtonLabel="Dismiss" onClose={() => setOpened(null)}>
              <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                Trove is now using the library at {opened}.
              </Text>
            </Alert>
          )}
          <ChooseLibraryForm
            label="Library folder"
            description="The full path of a folder on this computer."
            submitLabel="Open"
            canPickFolder={info.canPickFolder}
            onOpened={(next) => {
              setValue(next)
              setOpened(next.library?.path ?? null)
            }}
          />
        </SettingsSection>
        <BackupSections info={info} />
        <SettingsSection title="About Trove">
          <AboutDetails info={info} />
        </SettingsSection>
      </Stack>
    </>
  )
}
