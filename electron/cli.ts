// `sail-review`: the organisers' command line (design/CLI.md), bundled as dist/electron/cli.mjs.
// It calls the same operations as the window, through dispatch, on one project per command;
// the program and its commands live in cli/.
import { main } from './cli/program';

void main(process.argv).then((code) => {
  process.exitCode = code;
});
