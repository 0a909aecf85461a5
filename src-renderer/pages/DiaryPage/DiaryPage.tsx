import { Group, Loader } from '@mantine/core'
import { useEffect, useState } from 'react'
import { ErrorAlert } from '../../components/ErrorAlert'
import { DiarySetup } from '../../components/DiarySetup'
import { DiaryUnlock } from '../../components/DiaryUnlock'
import { useDiaryStatus } from '../../components/DiaryLockButton'
import { PageHeader } from '../../components/PageHeader'
import { DiaryExportButton } from './DiaryExportButton'
import { DiaryWorkspace } from './DiaryWorkspace'

/** Files dropped on the diary outside its drop zone must not open in the window (nor reach the library). */
function useSwallowStrayDrops() {
  useEffect(() => {
    const stop = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault()
    }
    window.addEventListener('dragover', stop)
    window.addEventListener('drop', stop)
    return () => {
      window.removeEventListener('dragover', stop)
      window.removeEventListener('drop', stop)
    }
  }, [])
}

/** The diary: first-time setup, the unlock screen, or the entries once unlocked. */
export function DiaryPage() {
  const status = useDiaryStatus()
  // Stays true from the first sight of a diary without a key until its recovery code was kept.
  const [inSetup, setInSetup] = useState(false)
  useSwallowStrayDrops()
  useEffect(() => {
    if (status.value && !status.value.setUp) setInSetup(true)
  }, [status.value])

  const pageHeader = <PageHeader title="Diary" description="Your private, encrypted diary: text, photos, video and voice notes, readable only with your passphrase." />
  // Exporting is offered only while the diary is open (the export itself refuses a locked diary).
  const header = status.value?.unlocked && !inSetup ? (
    <Group justify="space-between" align="flex-start" wrap="nowrap">
      {pageHeader}
      <DiaryExportButton />
    </Group>
  ) : (
    pageHeader
  )
  let body
  if (status.error) body = <ErrorAlert error={status.error} title="The diary’s state could not be read" />
  else if (!status.value) body = <Loader m="xl" />
  else if (inSetup || !status.value.setUp)
    body = (
      <DiarySetup
        onDone={() => {
          setInSetup(false)
          // Read the state again: the diary may have been locked (from the header) meanwhile.
          status.reload()
        }}
      />
    )
  else if (!status.value.unlocked) body = <DiaryUnlock onUnlocked={status.setValue} reason={status.lockReason} />
  else body = <DiaryWorkspace status={status.value} onStatus={status.setValue} onLock={status.lock} />

  return (
    <>
      {header}
      {body}
    </>
  )
}
