export { DiarySearchHits } from './DiarySearchHits'
export { DiaryTimeline } from './DiaryTimeline'
export { formatDiaryDay } from './DiaryEntryCard'
