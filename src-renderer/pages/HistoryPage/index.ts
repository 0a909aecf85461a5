export { HistoryPage } from './HistoryPage'
