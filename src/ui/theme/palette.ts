// One colour-blind-safe palette for everything that carries meaning (Okabe & Ito, 2008).
// Colour says what happened; shape says what a thing is. Neutrals are for structure only.

export const OkabeIto = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

/** What each colour means on screen. The legend is drawn from this table. */
export const Meaning = {
  request: OkabeIto.blue,
  response: OkabeIto.skyBlue,
  failed: OkabeIto.vermillion,
  busy: OkabeIto.blue,
  queued: OkabeIto.orange,
  /** Retries: amber, as UI.md asks (dots, where queues are bars). */
  retry: OkabeIto.orange,
} as const;
