import type { DiaryMood } from '../../../src-preload/contract'

export const MOOD_LABELS: Record<DiaryMood, string> = {
  great: 'Great',
  good: 'Good',
  okay: 'Okay',
  low: 'Low',
  bad: 'Bad',
}

export const MOODS = Object.keys(MOOD_LABELS) as DiaryMood[]
