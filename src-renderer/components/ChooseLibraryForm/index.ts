export { ChooseLibraryForm, type ChooseLibraryFormProps } from './ChooseLibraryForm'
