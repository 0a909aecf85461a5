import { AppError } from '../core/common/app-error'
import type { LibraryManager } from '../core/library/library-manager'
import type { MethodName } from '../../src-preload/contract'
import type { DomainHandlers, EventPublisher } from './handlers'

type DiaryMethod = Extract<MethodName, `diary:${string}`>

const notYet = (method: string) => () => {
  throw new AppError('UNAVAILABLE', `The diary is not available yet (${method}).`)
}

export function diaryHandlers(libraries: LibraryManager, events: EventPublisher): DomainHandlers<DiaryMethod> {
  void libraries
  void events
  return {
    'diary:status': notYet('diary:status'),
    'diary:setup': notYet('diary:setup'),
    'diary:unlock': notYet('diary:unlock'),
    'diary:unlock-with-recovery': notYet('diary:unlock-with-recovery'),
    'diary:lock': notYet('diary:lock'),
    'diary:touch': notYet('diary:touch'),
    'diary:change-passphrase': notYet('diary:change-passphrase'),
    'diary:set-auto-lock': notYet('diary:set-auto-lock'),
    'diary:list': notYet('diary:list'),
    'diary:calendar': notYet('diary:calendar'),
    'diary:get': notYet('diary:get'),
    'diary:save': notYet('diary:save'),
    'diary:delete': notYet('diary:delete'),
    'diary:attach': notYet('diary:attach'),
    'diary:detach': notYet('diary:detach'),
    'diary:search': notYet('diary:search'),
    'diary:verify': notYet('diary:verify'),
  }
}
