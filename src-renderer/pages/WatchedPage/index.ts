export { WatchedPage } from './WatchedPage'
