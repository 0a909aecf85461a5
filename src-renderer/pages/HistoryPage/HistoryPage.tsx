import { EmptySection } from '../../components/EmptySection'
import { HistoryIcon } from '../../components/icons/nav-icons'
import { PageHeader } from '../../components/PageHeader'

export function HistoryPage() {
  return (
    <>
      <PageHeader title="Import history" description="What happened to each file Trove was asked to import." />
      <EmptySection icon={<HistoryIcon size={26} />} title="No imports to show yet">
        Every file an import sees will be listed here with what became of it: stored, recognised as a duplicate, or rejected with the reason why.
      </EmptySection>
    </>
  )
}
