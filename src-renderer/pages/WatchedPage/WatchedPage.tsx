import { EmptySection } from '../../components/EmptySection'
import { WatchedIcon } from '../../components/icons/nav-icons'
import { PageHeader } from '../../components/PageHeader'

export function WatchedPage() {
  return (
    <>
      <PageHeader title="Watched folders" description="Folders on your disk that Trove keeps in step with the library." />
      <EmptySection icon={<WatchedIcon size={26} />} title="No watched folders yet">
        You will point Trove at folders on this computer and it will keep the library in step with them: new and changed files appear, moved files stay the same item, and an unplugged drive is shown as offline rather than deleted.
      </EmptySection>
    </>
  )
}
