// The scenario text a link carries packed (`#data=`): packing a large one takes a while, so
// both controllers keep the last one packed, by its text.
import { packScenario } from '../recipe/url';

/** Packs scenario text for a link, remembering the last text packed. */
export interface ScenarioPacker {
  /** `text` packed, or null when it packs to more than a link may carry (recipe/url.ts MAX_DATA_BYTES). */
  pack(text: string): string | null;
  /** The last text packed and its result, or null before the first. */
  readonly last: { text: string; data: string | null } | null;
}

/** A packer that packs again only when the text differs from the last one's. */
export function createScenarioPacker(): ScenarioPacker {
  let last: { text: string; data: string | null } | null = null;
  return {
    pack(text) {
      if (last?.text !== text) last = { text, data: packScenario({ scenario: { kind: 'inline', text }, seed: null, actions: [] }) };
      return last.data;
    },
    get last() {
      return last;
    },
  };
}
