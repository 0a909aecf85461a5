export { DiaryLockButton } from './DiaryLockButton'
export { useDiaryStatus, useDiaryTouch } from './use-diary-status'
