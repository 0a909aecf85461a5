import type { LibraryManager } from '../core/library/library-manager'
import type { DomainHandlers } from './handlers'

export function historyHandlers(libraries: LibraryManager): DomainHandlers<'history:list'> {
  return {
    'history:list': (input) => libraries.require().history.list(input),
  }
}
