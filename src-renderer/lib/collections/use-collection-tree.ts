import { useEffect } from 'react'
import type { CollectionNodeDto, ErrorDto } from '../../../src-preload/contract'
import { trove } from '../bridge'
import { useImportsFinished } from '../imports/imports-context'
import { useCall } from '../use-call'

export interface CollectionTreeState {
  roots: CollectionNodeDto[] | undefined
  error: ErrorDto | null
  loading: boolean
  reload: () => void
}

/**
 * The collections tree, read again when main says it changed and when an import ends (an
 * import into a collection changes its count, and dropped folders become collections).
 */
export function useCollectionTree(): CollectionTreeState {
  const { value, error, loading, reload } = useCall('collections:tree', {})
  const finished = useImportsFinished()
  useEffect(() => trove.on('collections:tree-changed', reload), [reload])
  useEffect(() => {
    if (finished > 0) reload()
  }, [finished, reload])
  return { roots: value?.roots, error, loading, reload }
}
