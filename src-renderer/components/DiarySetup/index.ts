export { DiarySetup } from './DiarySetup'
