export { CollectionsPage } from './CollectionsPage'
