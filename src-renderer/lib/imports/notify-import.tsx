/** How an import ended, as a notification in the corner of the window. */
import { Text } from '@mantine/core'
import { notifications } from '@mantine/notifications'
import { describeError } from '../error-messages'
import type { ImportNotice } from './imports-store'

const COLORS = { success: 'teal', warning: 'yellow', error: 'red' } as const

export function notifyImport(notice: ImportNotice): void {
  const { error } = notice
  notifications.show({
    title: notice.title,
    color: COLORS[notice.tone],
    autoClose: notice.tone === 'success' ? 6000 : 12_000,
    withCloseButton: true,
    'data-testid': 'import-notification',
    message: error ? (
      <>
        <Text size="sm">{describeError(error)}</Text>
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
          {error.message}
        </Text>
        <Text size="xs" c="dimmed" mt={2}>
          Error code: {error.code}
        </Text>
      </>
    ) : (
      <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
        {notice.message}
      </Text>
    ),
  })
}
