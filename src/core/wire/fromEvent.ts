import { filter, map, Observable, take } from 'rxjs';
import { entry } from '../../ground/runEnd';

export interface EventMessage {
  /** `source` as the runtime set it, captured before any asynchronous step. */
  source: unknown;
  args: unknown[];
}

/** Adds a listener for an event name and returns the function that removes it. */
export type Listen = (eventName: string, listener: (...args: unknown[]) => void) => () => void;

/**
 * A CitizenFX event (net or local, depending on `listen`) as an Observable. `source` is read synchronously
 * inside the listener, because the runtime resets it as soon as the listener returns. Unsubscribing removes
 * the listener. The listener is an {@link entry}: what the event queued leaves when it returns.
 */
export function fromEvent(eventName: string, listen: Listen, currentSource: () => unknown): Observable<EventMessage> {
  return new Observable<EventMessage>((subscriber) =>
    listen(
      eventName,
      entry((...args: unknown[]) => subscriber.next({ source: currentSource(), args })),
    ),
  );
}

/** Builds a {@link Listen} from a runtime's add and remove functions (`onNet`/`on` and `removeEventListener`). */
export function listenWith(
  add: (eventName: string, listener: (...args: unknown[]) => void) => void,
  remove: (eventName: string, listener: (...args: unknown[]) => void) => void,
): Listen {
  return (eventName, listener) => {
    add(eventName, listener);
    return () => remove(eventName, listener);
  };
}

/** Emits once, when the resource named `resourceName` stops (`onResourceStop` fires on both sides). */
export function fromResourceStop(resourceName: string, listenLocal: Listen): Observable<void> {
  return fromEvent('onResourceStop', listenLocal, () => undefined).pipe(
    filter(({ args }) => args[0] === resourceName),
    take(1),
    map(() => undefined),
  );
}
