export { JobStatus } from './JobStatus'
