export { DiarySettings } from './DiarySettings'
