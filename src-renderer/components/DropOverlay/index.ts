export { DropOverlay, dropMessage } from './DropOverlay'
export { dropTargetProps, pageDropTarget, type DropTarget } from './use-file-drag'
