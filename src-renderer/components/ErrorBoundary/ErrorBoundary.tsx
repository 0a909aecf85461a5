import { Component, type ErrorInfo, type ReactNode } from 'react'
import classes from './ErrorBoundary.module.css'

interface State {
  error: Error | null
}

/**
 * The last line of defence against a blank window: a render error anywhere below shows what
 * happened and a Reload button. Its fallback uses plain HTML and its own CSS, so it still works
 * when the failure is in the theme or the component library.
 */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null }

  static getDerivedStateFromError(error: unknown): State {
    return { error: error instanceof Error ? error : new Error(String(error)) }
  }

  override componentDidCatch(error: unknown, info: ErrorInfo): void {
    console.error('Trove window crashed', error, info.componentStack)
  }

  override render(): ReactNode {
    const { error } = this.state
    if (!error) return this.props.children
    return (
      <main className={classes.root}>
        <div className={classes.card} role="alert">
          <h1 className={classes.title}>Something went wrong in this window</h1>
          <p>
            Trove hit an unexpected error while drawing this screen. The fault is in the window,
            not in your library. Reloading the window usually fixes it.
          </p>
          <pre className={classes.detail}>{error.message || error.name}</pre>
          <button type="button" className={classes.button} onClick={() => window.location.reload()}>
            Reload
          </button>
        </div>
      </main>
    )
  }
}
