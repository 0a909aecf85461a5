export { CollectionPicker, type CollectionPickerProps, type PickedCollection } from './CollectionPicker'
