#!/usr/bin/env node
// The `wingman` bin: checks the Node version first (a clear line beats a syntax error), then runs the CLI.
const [major, minor] = process.versions.node.split(".").map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  process.stderr.write(`wingman: Node ${process.versions.node} is too old; Wingman needs Node 22.12 or later\n`);
  process.exit(1);
}
const { main } = await import("../dist/cli.js");
process.exitCode = await main(process.argv.slice(2));
