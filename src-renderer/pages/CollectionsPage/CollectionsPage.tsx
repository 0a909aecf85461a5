import { Center, Loader } from '@mantine/core'
import { ErrorAlert } from '../../components/ErrorAlert'
import { PageHeader } from '../../components/PageHeader'
import { useCollectionRoute } from '../../lib/collections/use-collection-route'
import { useCollectionTree } from '../../lib/collections/use-collection-tree'
import { CollectionsOverview } from './CollectionsOverview'
import { CollectionView } from './CollectionView'

/** `#/collections`: every collection; `#/collections/<id>`: one collection and its files. */
export function CollectionsPage() {
  const id = useCollectionRoute()
  const { roots, error } = useCollectionTree()

  if (!roots) {
    return (
      <>
        <PageHeader title="Collections" />
        {error ? (
          <ErrorAlert error={error} title="The collections could not be read" />
        ) : (
          <Center py="xl">
            <Loader size="sm" aria-label="Loading the collections" />
          </Center>
        )}
      </>
    )
  }
  return id === null ? <CollectionsOverview roots={roots} /> : <CollectionView key={id} id={id} roots={roots} />
}
