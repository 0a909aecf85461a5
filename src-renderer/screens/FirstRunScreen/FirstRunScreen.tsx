import { Group, List, Stack, Text, Title } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import { useState } from 'react'
import type { AppInfoDto, ErrorDto } from '../../../src-preload/contract'
import { ChooseLibraryForm } from '../../components/ChooseLibraryForm'
import { ErrorAlert } from '../../components/ErrorAlert'
import { TroveMark } from '../../components/TroveMark'
import { CenteredScreen } from '../CenteredScreen'

export interface FirstRunScreenProps {
  info: AppInfoDto
  onOpened: (info: AppInfoDto) => void
}

const pathOf = (error: ErrorDto): string | null =>
  typeof error.details?.path === 'string' ? error.details.path : null

/**
 * Shown instead of the app while no library is open: on first run, or when the remembered
 * library could not be opened (then that reason comes first).
 */
export function FirstRunScreen({ info, onOpened }: FirstRunScreenProps) {
  // Why the app started without a library. Once the user tries a folder here, the form shows
  // the outcome of that attempt instead.
  const [startupError, setStartupError] = useState(info.libraryError)
  const failedPath = startupError ? pathOf(startupError) : null
  useDocumentTitle('Choose a library folder – Trove')

  return (
    <CenteredScreen width={600}>
      <Stack gap="lg">
        <Group gap="sm" wrap="nowrap">
          <TroveMark size={36} />
          <Title order={1} size="h2">
            {startupError ? 'Choose a library folder' : 'Welcome to Trove'}
          </Title>
        </Group>
        {startupError && (
          <ErrorAlert
            error={startupError}
            title={failedPath ? `The library at ${failedPath} could not be opened` : 'Your library could not be opened'}
          />
        )}
        <Stack gap="xs">
          <Text>
            Trove keeps everything in one <strong>library folder</strong> on this computer. Choose where it
            should live:
          </Text>
          <List size="sm" spacing={4} c="dimmed">
            <List.Item>A new or empty folder becomes a new library.</List.Item>
            <List.Item>A folder that already holds a Trove library is opened as it is.</List.Item>
            <List.Item>Moving the folder later moves the whole library with it. Nothing leaves this computer.</List.Item>
          </List>
        </Stack>
        <ChooseLibraryForm
          initialPath={info.defaultLibraryPath}
          label="Library folder"
          description="The full path of the folder. It is created if it does not exist."
          submitLabel="Create or open library"
          canPickFolder={info.canPickFolder}
          onOpened={onOpened}
          onAttempt={() => setStartupError(null)}
        />
      </Stack>
    </CenteredScreen>
  )
}
