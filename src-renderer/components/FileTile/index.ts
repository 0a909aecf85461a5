export { FileTile, type FileTileProps } from './FileTile'
