export { ErrorBoundary } from './ErrorBoundary'
