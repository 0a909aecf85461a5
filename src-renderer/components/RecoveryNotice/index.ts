export { RecoveryNotice } from './RecoveryNotice'
