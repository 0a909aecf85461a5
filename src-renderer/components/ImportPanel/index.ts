export { ImportPanel } from './ImportPanel'
