export { FileWorkspace, type FileWorkspaceProps } from './FileWorkspace'
