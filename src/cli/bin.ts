// The `meshsim` command (package.json `bin`), built to plain JavaScript by scripts/build-cli.ts
// (dist-cli/meshsim.js, with its shebang); `npx tsx src/cli/bin.ts ...` runs it from source.
import { dispatch } from './dispatch';

/** The package's version, put in by the build (esbuild `define`); absent when run from source. */
declare const __MESHSIM_VERSION__: string | undefined;

const version = typeof __MESHSIM_VERSION__ === 'string' ? __MESHSIM_VERSION__ : 'source';
void dispatch(process.argv.slice(2), version).then((code) => (process.exitCode = code));
