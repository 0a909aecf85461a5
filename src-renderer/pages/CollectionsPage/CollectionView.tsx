import { Alert, Anchor, Breadcrumbs, Button, Group, Menu, SegmentedControl, Stack, Switch, Text, Title, VisuallyHidden } from '@mantine/core'
import { useLocalStorage } from '@mantine/hooks'
import type { CollectionNodeDto } from '../../../src-preload/contract'
import { AddFilesButton } from '../../components/AddFilesButton'
import { useCollectionDialogs } from '../../components/CollectionDialogs'
import { dropTargetProps } from '../../components/DropOverlay'
import { GridViewIcon, ListViewIcon, TrashIcon } from '../../components/icons/file-icons'
import { DotsIcon, FolderAddIcon, MoveIcon, PencilIcon } from '../../components/icons/import-icons'
import { CollectionsIcon } from '../../components/icons/nav-icons'
import { PageHeader } from '../../components/PageHeader'
import { pathTo, totalFiles } from '../../lib/collections/tree'
import { collectionHref } from '../../lib/collections/use-collection-route'
import { PreviewFailuresProvider } from '../../lib/preview-failures'
import { CollectionFiles } from './CollectionFiles'
import classes from './CollectionsPage.module.css'

const files = (n: number) => `${n.toLocaleString()} ${n === 1 ? 'file' : 'files'}`

/** One collection: where it sits, what is inside it, its files; drop or paste files here to add them to it. */
export function CollectionView({ id, roots }: { id: number; roots: CollectionNodeDto[] }) {
  const path = pathTo(roots, id)
  const node = path[path.length - 1]
  const [withInner, setWithInner] = useLocalStorage({ key: 'trove.collection-with-inner', defaultValue: false, getInitialValueInEffect: false })
  const [view, setView] = useLocalStorage<'grid' | 'list'>({ key: 'trove.collection.view', defaultValue: 'grid', getInitialValueInEffect: false })
  const dialogs = useCollectionDialogs(roots, {
    onDeleted: (deleted) => {
      window.location.hash = collectionHref(deleted.parentId)
    },
  })

  if (!node) {
    return (
      <>
        <PageHeader title="Collections" />
        <Alert color="yellow" variant="light" title="This collection is not there any more" data-testid="collection-missing">
          <Text size="sm">It may have been deleted. Its files are still in your library.</Text>
          <Anchor href={collectionHref(null)} size="sm">
            All collections
          </Anchor>
        </Alert>
      </>
    )
  }

  const inner = node.children.length
  const total = totalFiles(node)
  const including = withInner && inner > 0
  const description = inner > 0 ? `${files(node.fileCount)} here, ${files(total)} with the collections inside.` : `${files(node.fileCount)}.`

  return (
    <div {...dropTargetProps(node.id, node.name, 'page')} className={classes.page} data-page-layout="full">
      <Stack gap={4}>
        <Breadcrumbs separator="›" className={classes.crumbs}>
          <Anchor href={collectionHref(null)} size="sm">
            Collections
          </Anchor>
          {path.slice(0, -1).map((ancestor) => (
            <Anchor key={ancestor.id} href={collectionHref(ancestor.id)} size="sm">
              {ancestor.name}
            </Anchor>
          ))}
          <Text size="sm" c="dimmed" aria-current="page">
            {node.name}
          </Text>
        </Breadcrumbs>
        <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
          <Stack gap={2} className={classes.titleBlock}>
            <Title order={1} size="h2" className={classes.title}>
              {node.name}
            </Title>
            <Text size="sm" c="dimmed">
              {description} Drop files anywhere on this page, or paste an image, to add them here.
            </Text>
          </Stack>
          <Group gap="sm">
            <SegmentedControl
              aria-label="Show as"
              value={view}
              onChange={(value) => setView(value as 'grid' | 'list')}
              data={[
                { value: 'grid', label: <ViewLabel grid /> },
                { value: 'list', label: <ViewLabel /> },
              ]}
            />
            <AddFilesButton target={{ collectionId: node.id, collectionName: node.name }} label="Add files here" variant="filled" />
            <Button variant="default" leftSection={<FolderAddIcon size={16} />} onClick={() => dialogs.open({ kind: 'create', parent: node })}>
              New collection inside
            </Button>
            <Menu position="bottom-end">
              <Menu.Target>
                <Button variant="default" leftSection={<DotsIcon size={16} />}>
                  More
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item leftSection={<PencilIcon size={16} />} onClick={() => dialogs.open({ kind: 'rename', node })}>
                  Rename…
                </Menu.Item>
                <Menu.Item leftSection={<MoveIcon size={16} />} onClick={() => dialogs.open({ kind: 'move', node })}>
                  Move to…
                </Menu.Item>
                <Menu.Divider />
                <Menu.Item color="red" leftSection={<TrashIcon size={16} />} onClick={() => dialogs.open({ kind: 'delete', node })}>
                  Delete…
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </Stack>
      {inner > 0 && (
        <Group gap="xs" role="group" aria-label="Collections inside">
          <Text size="sm" c="dimmed">
            Inside:
          </Text>
          {node.children.map((child) => (
            <Button key={child.id} component="a" href={collectionHref(child.id)} variant="light" size="compact-sm" leftSection={<CollectionsIcon size={14} />}>
              {child.name}
            </Button>
          ))}
          <Switch ml="sm" label="Show their files too" checked={withInner} onChange={(event) => setWithInner(event.currentTarget.checked)} />
        </Group>
      )}
      <PreviewFailuresProvider>
        <CollectionFiles collectionId={node.id} collectionName={node.name} includeSubcollections={including} total={including ? total : node.fileCount} view={view} />
      </PreviewFailuresProvider>
      {dialogs.element}
    </div>
  )
}

function ViewLabel({ grid }: { grid?: boolean }) {
  return (
    <span className={classes.viewLabel} title={grid ? 'Grid' : 'List'}>
      {grid ? <GridViewIcon size={16} /> : <ListViewIcon size={16} />}
      <VisuallyHidden>{grid ? 'Grid' : 'List'}</VisuallyHidden>
    </span>
  )
}
