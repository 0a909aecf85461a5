export { CollectionsTree } from './CollectionsTree'
