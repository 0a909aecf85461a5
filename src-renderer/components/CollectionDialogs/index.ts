export { useCollectionDialogs, type CollectionAction, type CollectionDialogsEvents } from './use-collection-dialogs'
