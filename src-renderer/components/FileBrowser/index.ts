export { FileBrowser, type FileBrowserProps, type FileView } from './FileBrowser'
