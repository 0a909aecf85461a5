export { FileDetailPanel, type FileDetailPanelProps } from './FileDetailPanel'
