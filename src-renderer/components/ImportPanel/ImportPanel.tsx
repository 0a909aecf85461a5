import { Anchor, Button, Drawer, Group, Stack, Text, Title } from '@mantine/core'
import { useImports, useImportsStore } from '../../lib/imports/imports-context'
import { AddFilesButton } from '../AddFilesButton'
import { ImportCard } from './ImportCard'
import { JobCard } from './JobCard'
import classes from './ImportPanel.module.css'

/**
 * The imports of this window, newest first, beside the page (not over it: you can keep
 * working). It opens when an import starts and from the job status in the header.
 */
export function ImportPanel() {
  const { entries, jobs, panelOpen } = useImports()
  const store = useImportsStore()
  const ownJobs = new Set(entries.flatMap((e) => (e.kind === 'paths' ? [e.jobId] : [])))
  const otherJobs = jobs.filter((j) => j.state === 'running' && !ownJobs.has(j.id))
  const anyFinished = entries.some((e) => e.finishedAt !== null)

  return (
    <Drawer
      id="import-panel"
      opened={panelOpen}
      onClose={store.closePanel}
      position="right"
      size={420}
      withOverlay={false}
      lockScroll={false}
      trapFocus={false}
      closeOnClickOutside={false}
      shadow="xl"
      title={
        <Title order={2} size="h4">
          Imports
        </Title>
      }
      closeButtonProps={{ 'aria-label': 'Close the imports panel' }}
      classNames={{ inner: classes.inner, content: classes.content, body: classes.body }}
    >
      <Stack gap="sm">
        {entries.length === 0 && otherJobs.length === 0 && (
          <div className={classes.empty}>
            <Text size="sm">Nothing imported in this window yet.</Text>
            <Text size="sm" c="dimmed">
              Drop files or folders anywhere on the window, paste an image, or use Add files.
            </Text>
            <Group gap="sm" mt="xs">
              <AddFilesButton size="xs" />
              <Anchor size="sm" href="#/history" onClick={store.closePanel}>
                Import history
              </Anchor>
            </Group>
          </div>
        )}
        {otherJobs.map((job) => (
          <JobCard key={job.id} job={job} />
        ))}
        {entries.map((entry) => (
          <ImportCard key={entry.id} entry={entry} />
        ))}
        {anyFinished && (
          <Group justify="space-between">
            <Anchor size="sm" href="#/history" onClick={store.closePanel}>
              Import history
            </Anchor>
            <Button variant="subtle" size="compact-sm" onClick={store.clearFinished}>
              Clear finished
            </Button>
          </Group>
        )}
      </Stack>
    </Drawer>
  )
}
