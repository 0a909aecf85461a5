export { DiaryMediaSection } from './DiaryMediaSection'
