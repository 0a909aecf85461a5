import { Button, Group, Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import type { ReactNode } from 'react'
import { toErrorDto } from './call'
import { describeError } from './error-messages'

let counter = 0

/**
 * A failure as a notification, said the way ErrorAlert says it: what was being attempted, the
 * code's human sentence, the server's own message, and the code in small print.
 */
export function notifyError(err: unknown, title: string): void {
  const error = toErrorDto(err)
  notifications.show({
    color: 'red',
    title,
    autoClose: 10_000,
    withCloseButton: true,
    message: (
      <>
        <Text size="sm">{describeError(error)}</Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {error.message}
        </Text>
        <Text size="xs" c="dimmed" mt={2}>
          Error code: {error.code}
        </Text>
      </>
    ),
  })
}

/** Something that did not go as hoped but is not a failure of Trove (a folder offline): said plainly, no code. */
export function notifyWarning(title: string, message: string): void {
  notifications.show({
    color: 'orange',
    title,
    autoClose: 8000,
    withCloseButton: true,
    message: (
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {message}
      </Text>
    ),
  })
}

/** A short confirmation, with an optional action ("Undo") that closes it when pressed. */
export function notifyDone(message: ReactNode, action?: { label: string; run: () => void }): void {
  const id = `trove-done-${++counter}`
  notifications.show({
    id,
    color: 'teal',
    autoClose: action ? 8000 : 4000,
    withCloseButton: true,
    message: (
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <Text size="sm">{message}</Text>
        {action && (
          <Button
            size="compact-sm"
            variant="light"
            onClick={() => {
              notifications.hide(id)
              action.run()
            }}
          >
            {action.label}
          </Button>
        )}
      </Group>
    ),
  })
}
