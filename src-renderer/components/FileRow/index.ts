export { FileListHeader, FileRow, KIND_LABELS, type FileRowProps } from './FileRow'
