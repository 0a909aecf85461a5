export { TagInput, type TagChoice, type TagInputProps } from './TagInput'
