export { FirstRunScreen, type FirstRunScreenProps } from './FirstRunScreen'
