export { CompareRoot, isComparePage } from './CompareRoot';
export { READY_PAIRS, pairHref, type ComparePair } from './pairs';
