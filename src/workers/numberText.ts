// The number text lives on the scenario floor (scenario/numberText.ts), where the schemas' own
// messages use it; the worker's figures and the UI import it from here as before.
export { formatNumber, formatCount, countOf } from '../scenario/numberText';
