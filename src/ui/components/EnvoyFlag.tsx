// One or more of Envoy's response flags in brackets, "[UT]", with what Envoy's access log docs
// say each means as its tooltip (responseFlagTitle).
import { responseFlagTitle } from '../../models/envoy/responseFlags';

/** "[UT]" or "[UF,URX]" with a tooltip; nothing for ''. `flags`: comma-separated, as Envoy prints them. */
export function EnvoyFlag({ flags }: { flags: string }) {
  if (flags === '') return null;
  return (
    <abbr className="envoy-flag" data-testid="envoy-flag" data-flags={flags} title={responseFlagTitle(flags)}>
      [{flags}]
    </abbr>
  );
}
