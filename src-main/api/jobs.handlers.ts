import type { JobRegistry } from '../core/jobs/job-registry'
import type { DomainHandlers } from './handlers'

export function jobsHandlers(jobs: JobRegistry): DomainHandlers<'jobs:list' | 'jobs:cancel'> {
  return {
    'jobs:list': () => ({ jobs: jobs.list() }),
    'jobs:cancel': ({ jobId }) => ({ cancelled: jobs.cancel(jobId) }),
  }
}
