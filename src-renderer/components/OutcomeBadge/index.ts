export { OutcomeBadge, outcomeLabel } from './OutcomeBadge'
