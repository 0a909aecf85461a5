export { SyncIndicator } from './SyncIndicator'
