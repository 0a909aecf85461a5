import { EmptySection } from '../../components/EmptySection'
import { DiaryIcon } from '../../components/icons/nav-icons'
import { PageHeader } from '../../components/PageHeader'

export function DiaryPage() {
  return (
    <>
      <PageHeader title="Diary" description="Your private, encrypted diary." />
      <EmptySection icon={<DiaryIcon size={26} />} title="No diary yet">
        A private diary of text, photos, video and voice notes, encrypted on disk under a passphrase only you know. Nothing in it is readable while it is locked.
      </EmptySection>
    </>
  )
}
