import { Button, Text } from '@mantine/core'
import { useState } from 'react'
import type { AppInfoDto } from '../../../src-preload/contract'
import { BackupSettings } from './BackupSettings'
import { MoveLibraryDialog } from './MoveLibraryDialog'
import { SettingsSection } from './SettingsSection'

/** Settings → Backups and "Move library…", shown while a library is open. */
export function BackupSections({ info }: { info: AppInfoDto }) {
  const [moving, setMoving] = useState(false)
  if (!info.library) return null
  return (
    <>
      <SettingsSection title="Backups" description="Copies of the whole library (files, tags, collections, notes and the diary, still encrypted) in a folder of your choice, checked after writing.">
        <BackupSettings canPickFolder={info.canPickFolder} />
      </SettingsSection>
      <SettingsSection title="Move library" description="Move the library to another folder or a bigger drive. Nothing changes until the copy is complete and checked.">
        <Text size="sm" style={{ overflowWrap: 'anywhere' }}>Now in {info.library.path}</Text>
        <div>
          <Button variant="default" onClick={() => setMoving(true)}>Move library…</Button>
        </div>
        {moving && <MoveLibraryDialog from={info.library.path} canPickFolder={info.canPickFolder} onClose={() => setMoving(false)} />}
      </SettingsSection>
    </>
  )
}
