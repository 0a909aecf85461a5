import { EmptySection } from '../../components/EmptySection'
import { LibraryIcon } from '../../components/icons/nav-icons'
import { PageHeader } from '../../components/PageHeader'

export function LibraryPage() {
  return (
    <>
      <PageHeader title="Library" description="Everything you keep in Trove, in one place." />
      <EmptySection icon={<LibraryIcon size={26} />} title="Nothing to show yet">
        Importing arrives soon: you will drop files and whole folders onto this window, and Trove will store each file once, by its content, so you can tag, group, search and preview it. Nothing can be added from here yet.
      </EmptySection>
    </>
  )
}
