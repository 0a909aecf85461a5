import { Anchor, Button, Group } from '@mantine/core'
import type { FileDetailDto } from '../../../src-preload/contract'
import { trove } from '../../lib/bridge'
import { call } from '../../lib/call'
import { contentUrl } from '../../lib/content-url'
import { notifyDone, notifyError } from '../../lib/notify'

/**
 * What the operating system does with a file: open with the default app, show in folder and
 * export a copy in the desktop app; in a browser, a plain download of the original.
 */
export function FileDesktopActions({ file }: { file: FileDetailDto }) {
  if (!file.stored) return null
  if (trove.transport !== 'electron') {
    return (
      <Anchor href={contentUrl('original', file.sha256)} download={file.name} size="sm">
        Download a copy
      </Anchor>
    )
  }
  const run = async (title: string, action: () => Promise<string | null>) => {
    try {
      const done = await action()
      if (done) notifyDone(done)
    } catch (err) {
      notifyError(err, title)
    }
  }
  return (
    <Group gap="xs">
      <Button size="compact-sm" variant="default" onClick={() => void run('Could not open the file', async () => (await call('desktop:open-file', { id: file.id }), null))}>
        Open
      </Button>
      <Button size="compact-sm" variant="default" onClick={() => void run('Could not show the file', async () => (await call('desktop:show-in-folder', { id: file.id }), null))}>
        Show in folder
      </Button>
      <Button
        size="compact-sm"
        variant="default"
        onClick={() => void run('Could not export a copy', async () => {
          const { path } = await call('desktop:export-copy', { id: file.id })
          return path ? `Saved a copy as ${path}` : null
        })}
      >
        Export a copy…
      </Button>
    </Group>
  )
}
