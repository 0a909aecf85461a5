export { DiaryUnlock } from './DiaryUnlock'
