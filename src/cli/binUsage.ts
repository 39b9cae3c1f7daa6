// The `meshsim` bin's own usage (src/cli/dispatch.ts), apart so main and help can print it too.

/** The subcommands of the `meshsim` bin, in the order its help lists them. */
export const SUBCOMMANDS = ['run', 'compare', 'sweep', 'import', 'lint', 'replay'] as const;

export const BIN_USAGE = `usage: meshsim run FILE|NAME [--seed N] [--duration T] [--from T] [--to T] [--client NAME] [--json] [--traces FILE] [--csv FILE]
       meshsim compare A B [--seed N] [--duration T] [--from T] [--to T] [--client NAME] [--json]
       meshsim sweep FILE --seeds N [--set path=v1,v2,...]...   (meshsim sweep --help)
       meshsim import FILES_OR_DIRS... [--workload FILE] [-o scenario.yaml]
       meshsim lint FILES_OR_DIRS... [--workload FILE] [--json] [--fail-on error|warning|info|never]
       meshsim replay LINK [--to-end] [--json]
       meshsim --version

The same commands as \`npm run sim -- ...\` in a clone of the repository. A NAME is a scenario
shipped with meshsim (hello-mesh, retry-storm, ...: the files of its scenarios/ folder), used
when no file of that name exists here. Each command's --help (or meshsim help COMMAND) prints
its own flags, their units and defaults, and an example.`;
