import type { EventName, PayloadOf } from '../../src-preload/contract'
import type { EventPublisher } from './handlers'

export type EventListener = (event: EventName, payload: unknown) => void

/** Fans events out to every transport that subscribed (IPC windows, loopback sockets). */
export class EventHub implements EventPublisher {
  private readonly listeners = new Set<EventListener>()

  publish<E extends EventName>(event: E, payload: PayloadOf<E>): void {
    for (const listener of this.listeners) listener(event, payload)
  }

  subscribe(listener: EventListener): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }
}
