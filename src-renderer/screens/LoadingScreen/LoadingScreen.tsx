import { Center, Group, Loader, Text } from '@mantine/core'

/** Shown for the moment before `app:info` answers. */
export function LoadingScreen() {
  return (
    <Center mih="100vh" component="main">
      <Group gap="sm" role="status">
        <Loader size="sm" />
        <Text c="dimmed">Opening Trove…</Text>
      </Group>
    </Center>
  )
}
