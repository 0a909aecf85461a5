import { z } from 'zod'
import { defineEvent, defineMethod } from './define'

/** A long-running piece of work as the status area shows it. */
export interface JobDto {
  id: string
  kind: string
  label: string
  state: 'running' | 'completed' | 'failed' | 'cancelled'
  startedAt: number
  finishedAt: number | null
  itemsDone: number
  itemsTotal: number | null
  bytesDone: number
  bytesTotal: number | null
  current: string | null
  summary: string | null
  error: string | null
}

export const jobsMethods = {
  'jobs:list': defineMethod<{ jobs: JobDto[] }>()(z.object({}).strict()),
  'jobs:cancel': defineMethod<{ cancelled: boolean }>()(z.object({ jobId: z.string().uuid() }).strict()),
}

export const jobsEvents = {
  /** A job started, progressed (at most every 100 ms) or finished. */
  'jobs:job-changed': defineEvent<JobDto>(),
}
