import { Anchor, Text } from '@mantine/core'
import { hrefOf } from '../../app/routes'
import { summarizeFolders } from '../../lib/sync/folder-status'
import { useWatchedFolders } from '../../lib/sync/use-watched-folders'
import { WatchedIcon } from '../icons/nav-icons'
import classes from './SyncIndicator.module.css'

/**
 * The header's one line about watched folders ("Watching 3 folders", "Scanning Photos… 1,234
 * files", "1 folder offline"), linking to the Watched folders page. Nothing while none is watched.
 */
export function SyncIndicator() {
  const { folders } = useWatchedFolders()
  const summary = folders ? summarizeFolders(folders) : null
  return (
    <div role="status" aria-live="polite" className={classes.wrap}>
      {summary && (
        <Anchor href={hrefOf('watched')} underline="never" className={classes.root} data-tone={summary.tone} data-testid="sync-indicator" title="Watched folders">
          <WatchedIcon size={16} className={classes.icon} aria-hidden="true" />
          <Text span size="sm" truncate="end" className={classes.label}>
            {summary.text}
          </Text>
        </Anchor>
      )}
    </div>
  )
}
