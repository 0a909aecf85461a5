export { DiaryEditor } from './DiaryEditor'
