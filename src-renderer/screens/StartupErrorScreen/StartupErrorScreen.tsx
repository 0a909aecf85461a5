import { Button, Group, Stack, Text, Title } from '@mantine/core'
import { useDocumentTitle } from '@mantine/hooks'
import type { ErrorDto } from '../../../src-preload/contract'
import { ErrorAlert } from '../../components/ErrorAlert'
import { TroveMark } from '../../components/TroveMark'
import { CenteredScreen } from '../CenteredScreen'

export interface StartupErrorScreenProps {
  error: ErrorDto
  retrying: boolean
  onRetry: () => void
}

/** `app:info` itself failed: Trove's main process did not answer, or answered with an error. */
export function StartupErrorScreen({ error, retrying, onRetry }: StartupErrorScreenProps) {
  useDocumentTitle('Trove could not start')
  return (
    <CenteredScreen>
      <Stack gap="lg">
        <Group gap="sm">
          <TroveMark />
          <Title order={1} size="h3">
            Trove could not start
          </Title>
        </Group>
        <Text>This window could not reach the part of Trove that holds your library.</Text>
        <ErrorAlert error={error} />
        <Group>
          <Button onClick={onRetry} loading={retrying}>
            Try again
          </Button>
        </Group>
      </Stack>
    </CenteredScreen>
  )
}
