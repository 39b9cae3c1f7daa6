// What the opening card calls the scenario it opens (RunNotices.tsx OpenProgress).

/**
 * The words after "Opening" for a scenario labelled `label`: the label itself ("Opening
 * slow-start.json", "Opening Retry storm…"), but "the scenario imported from 1 manifest file" for
 * manifests that name no scenario (importFiles.ts labels them "imported from …"): the card read
 * "Opening imported from 1 manifest file" (session 39's trial N9). Pure.
 */
export function openingName(label: string): { lead: string; name: string } {
  return /^imported from /.test(label) ? { lead: 'the scenario ', name: label } : { lead: '', name: label };
}
