export { AddFilesButton, type AddFilesButtonProps } from './AddFilesButton'
