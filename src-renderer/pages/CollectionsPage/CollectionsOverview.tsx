import { Button, EmptyState, Group, Paper, SimpleGrid, Text, UnstyledButton } from '@mantine/core'
import type { CollectionNodeDto } from '../../../src-preload/contract'
import { useCollectionDialogs } from '../../components/CollectionDialogs'
import { CollectionsIcon } from '../../components/icons/nav-icons'
import { PlusIcon } from '../../components/icons/file-icons'
import { PageHeader } from '../../components/PageHeader'
import { subtreeIds, totalFiles } from '../../lib/collections/tree'
import { collectionHref } from '../../lib/collections/use-collection-route'
import classes from './CollectionsPage.module.css'

const plural = (n: number, one: string, many: string) => `${n.toLocaleString()} ${n === 1 ? one : many}`

/** Every top-level collection as a card, and a way to make the first one. */
export function CollectionsOverview({ roots }: { roots: CollectionNodeDto[] }) {
  const dialogs = useCollectionDialogs(roots, {
    onSaved: (action, saved) => {
      if (action.kind === 'create') window.location.hash = collectionHref(saved.id)
    },
  })
  const create = () => dialogs.open({ kind: 'create', parent: null })

  return (
    <>
      <PageHeader title="Collections" description="Hand-made groups of files from your library, nested like the folders of an archive. A file can be in as many collections as you like; nothing is copied." />
      {roots.length === 0 ? (
        <div className={classes.empty}>
          <EmptyState variant="light" size="md" icon={<CollectionsIcon size={26} />}>
            <EmptyState.Title order={2}>No collections yet</EmptyState.Title>
            <EmptyState.Description maw={460}>
              Make a collection, then drop files onto it in the sidebar. Folders you drop onto the window become collections too.
            </EmptyState.Description>
            <EmptyState.Actions>
              <Button leftSection={<PlusIcon size={16} />} onClick={create}>
                New collection
              </Button>
            </EmptyState.Actions>
          </EmptyState>
        </div>
      ) : (
        <>
          <Group mb="md">
            <Button leftSection={<PlusIcon size={16} />} onClick={create}>
              New collection
            </Button>
          </Group>
          <SimpleGrid cols={{ base: 1, xs: 2, md: 3 }} spacing="md">
            {roots.map((node) => {
              const inner = subtreeIds(node).size - 1
              return (
                <Paper key={node.id} withBorder radius="md" className={classes.card}>
                  <UnstyledButton component="a" href={collectionHref(node.id)} className={classes.cardLink}>
                    <Group gap="sm" wrap="nowrap">
                      <span className={classes.cardIcon}>
                        <CollectionsIcon size={20} />
                      </span>
                      <div style={{ minWidth: 0 }}>
                        <Text fw={600} truncate="end">
                          {node.name}
                        </Text>
                        <Text size="xs" c="dimmed">
                          {plural(totalFiles(node), 'file', 'files')}
                          {inner > 0 && ` · ${plural(inner, 'collection', 'collections')} inside`}
                        </Text>
                      </div>
                    </Group>
                  </UnstyledButton>
                </Paper>
              )
            })}
          </SimpleGrid>
        </>
      )}
      {dialogs.element}
    </>
  )
}
