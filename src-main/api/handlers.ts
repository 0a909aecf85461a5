import type { EventName, MethodName, ParsedInputOf, PayloadOf, ResultOf } from '../../src-preload/contract'

/** Who is calling: the transport a call came through. */
export interface CallContext {
  transport: 'electron' | 'loopback' | 'cli'
}

export type Handler<M extends MethodName> = (input: ParsedInputOf<M>, ctx: CallContext) => Promise<ResultOf<M>> | ResultOf<M>

/** One handler per contract method: a missing or mistyped handler is a compile error. */
export type Handlers = { [M in MethodName]: Handler<M> }

/** A slice of the handler map, as each domain file exports it. */
export type DomainHandlers<M extends MethodName> = { [K in M]: Handler<K> }

/** Where handlers publish events; each transport forwards them to its renderers. */
export interface EventPublisher {
  publish<E extends EventName>(event: E, payload: PayloadOf<E>): void
}
