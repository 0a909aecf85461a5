import { Alert, Text } from '@mantine/core'
import type { ReactNode } from 'react'
import type { ErrorDto } from '../../../src-preload/contract'
import { describeError } from '../../lib/error-messages'
import { AlertIcon } from '../icons/nav-icons'

export interface ErrorAlertProps {
  error: ErrorDto
  /** Overrides the code's human sentence as the title, e.g. to say what was being attempted. */
  title?: ReactNode
  onClose?: () => void
}

/**
 * How every failure is shown: the code's human sentence, the server's specific message (which
 * names the file or folder), and the code itself in small print for a bug report.
 */
export function ErrorAlert({ error, title, onClose }: ErrorAlertProps) {
  const human = describeError(error)
  return (
    <Alert
      color="red"
      variant="light"
      icon={<AlertIcon size={20} />}
      title={title ?? human}
      withCloseButton={onClose !== undefined}
      closeButtonLabel="Dismiss"
      onClose={onClose}
      data-error-code={error.code}
    >
      {title !== undefined && <Text size="sm">{human}</Text>}
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {error.message}
      </Text>
      <Text size="xs" c="dimmed" mt={4}>
        Error code: {error.code}
      </Text>
    </Alert>
  )
}
