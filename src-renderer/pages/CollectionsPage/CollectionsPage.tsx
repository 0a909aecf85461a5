import { EmptySection } from '../../components/EmptySection'
import { CollectionsIcon } from '../../components/icons/nav-icons'
import { PageHeader } from '../../components/PageHeader'

export function CollectionsPage() {
  return (
    <>
      <PageHeader title="Collections" description="Hand-made groups of items from your library." />
      <EmptySection icon={<CollectionsIcon size={26} />} title="No collections yet">
        Collections will group items into nested sets, like the folders of an archive, without copying a single file. An item can sit in as many collections as you like.
      </EmptySection>
    </>
  )
}
