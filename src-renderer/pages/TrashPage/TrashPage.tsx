import { Button, Group, SegmentedControl, Stack, Text, Title, VisuallyHidden, EmptyState } from '@mantine/core'
import { useLocalStorage } from '@mantine/hooks'
import { FileWorkspace } from '../../components/FileWorkspace'
import { GridViewIcon, ListViewIcon, RestoreIcon, TrashIcon } from '../../components/icons/file-icons'
import { plural, restoreFiles } from '../../lib/file-actions'
import { formatBytes } from '../../lib/format-bytes'
import { notifyDone } from '../../lib/notify'
import { PreviewFailuresProvider } from '../../lib/preview-failures'
import { useCall } from '../../lib/use-call'
import { useFilePager } from '../../lib/use-file-pager'
import { useFileSelection } from '../../lib/use-file-selection'
import { useLibraryChanges } from '../../lib/use-library-changes'
import { EmptyTrashButton } from './EmptyTrashButton'
import classes from './TrashPage.module.css'

/**
 * How long files stay in the trash. The library keeps this as its `trashRetentionDays`
 * setting (30 unless changed); the contract does not expose it yet, so the default is shown.
 */
export const TRASH_RETENTION_DAYS = 30

/** Files moved to the trash: restore them, or empty the trash for good. */
export function TrashPage() {
  return (
    <PreviewFailuresProvider>
      <Trash />
    </PreviewFailuresProvider>
  )
}

function Trash() {
  const [view, setView] = useLocalStorage<'grid' | 'list'>({ key: 'trove.trash.view', defaultValue: 'grid', getInitialValueInEffect: false })
  const stats = useCall('files:stats', {})
  const trashed = stats.value?.trashed
  const pager = useFilePager({ trashed: true, sort: 'added', order: 'desc' }, trashed?.count ?? null, { exactTotal: true })
  const version = pager.getVersion()
  const selection = useFileSelection(pager, version)

  useLibraryChanges({
    onChanged: () => {
      stats.reload()
      pager.refresh()
    },
    onPreview: (change) => pager.patch(change.fileId, { previewState: change.state }) || true,
  })

  const restore = (ids: number[]) => void restoreFiles(ids).then((ok) => ok && selection.remove(ids))

  return (
    <div className={classes.page} data-page-layout="full">
      <Group justify="space-between" align="flex-end" wrap="wrap" gap="sm">
        <Stack gap={2}>
          <Title order={1} size="h2">
            Trash
          </Title>
          <Text size="sm" c="dimmed" data-testid="trash-summary">
            {trashed ? `${plural(trashed.count, 'file')}, ${formatBytes(trashed.bytes)}. ` : ''}
            Files in the trash are deleted for good after {TRASH_RETENTION_DAYS} days.
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
          <EmptyTrashButton trashed={trashed} onEmptied={() => (stats.reload(), pager.refresh())} />
        </Group>
      </Group>
      <FileWorkspace
        source={pager}
        version={version}
        view={view}
        selection={selection}
        label="Files in the trash"
        empty={
          <div className={classes.empty} data-testid="trash-empty">
            <EmptyState variant="light" size="md" icon={<TrashIcon size={26} />}>
              <EmptyState.Title order={2}>The trash is empty</EmptyState.Title>
              <EmptyState.Description>Files you move to the trash wait here until you restore them or empty the trash.</EmptyState.Description>
            </EmptyState>
          </div>
        }
        onRetry={() => pager.retry()}
        onDelete={() => notifyDone('To delete files for good, empty the trash. To keep them, restore them.')}
        actions={(ids) => (
          <Button size="compact-sm" variant="subtle" leftSection={<RestoreIcon size={16} />} onClick={() => restore(ids)}>
            Restore
          </Button>
        )}
      />
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
