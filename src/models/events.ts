/** Event kinds understood by the model actors. Numeric so the event queue stays typed. */
export const Ev = {
  /** Client: time to send a request (a = user index for closed loop, -1 for open loop). */
  Send: 1,
  /** Service: a call arrives over the network (a = call id). */
  Arrive: 2,
  /** Service: a worker finished the CPU part of a call (a = call id). */
  WorkDone: 3,
  /** Caller (client or service): a response arrives (a = call id). */
  Response: 4,
  /** Client: a request's timeout fired (a = request id). */
  Timeout: 5,
} as const;
export type EventKind = (typeof Ev)[keyof typeof Ev];

/** How a request or a hop ended. `ok` or one cause. */
export const Cause = {
  ok: 'ok',
  queueFull: 'queue-full',
  http5xx: 'http-5xx',
  timeout: 'timeout',
} as const;
export type Cause = (typeof Cause)[keyof typeof Cause] | (string & {});
