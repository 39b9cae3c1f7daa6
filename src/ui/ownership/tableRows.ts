// Which rows the ownership table lists, in what order: the row that answers the question first in
// the drawer (trial N17, 6), the same rows in the same order in a compare's two views (trial N18, 4).
import { OWNED_FEATURES, type FeatureOnPath, type OwnedFeature } from '../../models/ownership';

/**
 * The table's rows: `features` (a path's), with an empty row for each of `alsoList` not among them,
 * in FEATURE_NAMES' order; 'flagged-first' moves those in `flagged` (owned twice here) to the top,
 * the rest keeping their order. Pure.
 */
export function tableRows(features: readonly FeatureOnPath[], flagged: ReadonlyMap<OwnedFeature, unknown>, order: 'flagged-first' | 'features', alsoList: readonly OwnedFeature[] = []): FeatureOnPath[] {
  const extra = alsoList.filter((f) => !features.some((x) => x.feature === f)).map((feature): FeatureOnPath => ({ feature, at: [], layers: [], overlap: false }));
  const rows = extra.length ? [...features, ...extra].sort((x, y) => OWNED_FEATURES.indexOf(x.feature) - OWNED_FEATURES.indexOf(y.feature)) : [...features];
  return order === 'features' ? rows : [...rows.filter((f) => flagged.has(f.feature)), ...rows.filter((f) => !flagged.has(f.feature))];
}
