import { Button, Group, Modal, Text } from '@mantine/core'

/** Asks before an entry and its attachments are deleted for good. */
export function DeleteEntryDialog({ opened, title, mediaCount, busy, onCancel, onConfirm }: {
  opened: boolean
  title: string
  mediaCount: number
  busy: boolean
  onCancel: () => void
  onConfirm: () => void
}) {
  return (
    <Modal opened={opened} onClose={onCancel} title="Delete this entry?" centered>
      <Text size="sm">
        “{title || 'Untitled'}”{mediaCount > 0 ? ` and its ${mediaCount} ${mediaCount === 1 ? 'attachment' : 'attachments'}` : ''} will be deleted for
        good. The diary has no trash.
      </Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onCancel}>
          Keep it
        </Button>
        <Button color="red" loading={busy} onClick={onConfirm}>
          Delete
        </Button>
      </Group>
    </Modal>
  )
}
