import { Button, Group, Modal, Text } from '@mantine/core'

/** Asked before another entry replaces one with unsaved changes. */
export function DiscardChangesDialog({ opened, onKeep, onDiscard }: { opened: boolean; onKeep: () => void; onDiscard: () => void }) {
  return (
    <Modal opened={opened} onClose={onKeep} title="Discard unsaved changes?" centered>
      <Text size="sm">The entry you are writing has changes that are not saved yet.</Text>
      <Group justify="flex-end" mt="lg">
        <Button variant="default" onClick={onKeep} data-autofocus>
          Keep writing
        </Button>
        <Button color="red" onClick={onDiscard}>
          Discard changes
        </Button>
      </Group>
    </Modal>
  )
}
