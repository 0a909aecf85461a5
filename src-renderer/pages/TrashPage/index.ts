export { TrashPage } from './TrashPage'
