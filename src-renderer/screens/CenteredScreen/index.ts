export { CenteredScreen } from './CenteredScreen'
