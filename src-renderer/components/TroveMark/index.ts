export { TroveMark } from './TroveMark'
