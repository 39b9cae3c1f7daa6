// A command's output read by something that stops reading early.

let installed = false;

/**
 * A reader that closes the pipe before the output ends (`npm run sim -- run FILE --json | head`)
 * ends the command quietly with exit 0, as Unix tools end on SIGPIPE, instead of Node's unhandled
 * 'write EPIPE' error and its stack trace. Any other error on stdout or stderr is thrown as
 * before. Installed once per process (runCli and the meshsim bin's dispatch both call it).
 */
export function endQuietlyOnClosedPipe(): void {
  if (installed) return;
  installed = true;
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    });
  }
}
