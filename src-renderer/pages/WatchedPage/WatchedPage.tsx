import { Button, Center, Group, Loader, Stack, Text } from '@mantine/core'
import { useState } from 'react'
import { EmptySection } from '../../components/EmptySection'
import { ErrorAlert } from '../../components/ErrorAlert'
import { WatchedIcon } from '../../components/icons/nav-icons'
import { PageHeader } from '../../components/PageHeader'
import { useWatchedFolders } from '../../lib/sync/use-watched-folders'
import { AddFolderForm } from './AddFolderForm'
import { FolderCard } from './FolderCard'
import { SyncHistory } from './SyncHistory'
import classes from './WatchedPage.module.css'

/** The folders Trove keeps in step with the library: add one, see each one's state, the history. */
export function WatchedPage() {
  const { folders, error, reload, put } = useWatchedFolders()
  const [adding, setAdding] = useState(false)
  const none = folders?.length === 0
  const showForm = adding || none

  return (
    <>
      <PageHeader title="Watched folders" description="Folders on your disk that Trove keeps in step with the library: new and changed files appear, moved files stay the same entry, and an unplugged drive is shown as offline, never deleted." />
      {error && <ErrorAlert error={error} title="The watched folders could not be read" />}
      {folders === undefined && !error && (
        <Center py="xl">
          <Loader size="sm" aria-label="Loading the watched folders" />
        </Center>
      )}
      {none && (
        <EmptySection icon={<WatchedIcon size={26} />} title="No watched folders yet">
          Point Trove at a folder you already keep in order, such as your photos or documents. Its files appear in the library and stay in step with it.
        </EmptySection>
      )}
      {folders !== undefined && (
        <Stack gap="md">
          {showForm ? (
            <AddFolderForm
              onAdded={(folder) => {
                put(folder)
                setAdding(false)
              }}
            />
          ) : (
            <Group justify="space-between">
              <Text size="sm" c="dimmed">
                {folders.length === 1 ? 'One folder is watched.' : `${folders.length} folders are watched.`}
              </Text>
              <Button onClick={() => setAdding(true)}>Watch a folder…</Button>
            </Group>
          )}
          {adding && !none && (
            <Group justify="flex-end" mt={-8}>
              <Button variant="subtle" size="xs" onClick={() => setAdding(false)}>
                Cancel
              </Button>
            </Group>
          )}
          <div className={classes.cards}>
            {folders.map((folder) => (
              <FolderCard key={folder.id} folder={folder} onChanged={put} onRemoved={reload} />
            ))}
          </div>
          {folders.length > 0 && <SyncHistory folders={folders} />}
        </Stack>
      )}
    </>
  )
}
