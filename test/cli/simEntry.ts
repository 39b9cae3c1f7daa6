// What the CLI tests spawn: `npm run sim`'s command (src/cli/main.ts runCli), bundled once per
// test run by test/cli/globalSetup.ts so each spawn starts in Node alone.
import { runCli } from '../../src/cli/main';

void runCli(process.argv.slice(2)).then((code) => (process.exitCode = code));
