export { DiaryCalendar } from './DiaryCalendar'
export { localToday } from './month-grid'
