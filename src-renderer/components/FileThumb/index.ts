export { FileThumb, type FileThumbProps } from './FileThumb'
