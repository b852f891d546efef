// Long hostile lines for the parsers (redaction, risk, screens, test progress, the web page's ANSI reader):
// each is one fragment repeated to the length asked. The fragments are the starts of the patterns Wingman
// runs (a word a rule looks ahead from, a prefix a secret pattern begins with, a blank run a trim splits),
// so a pattern that restarts at every fragment and scans to the end shows up as time growing with the
// square of the length. Shared by test/security/long-lines.test.ts (what the parsers return) and
// bench/parsers.ts (how long they take).

export const HOSTILE_FRAGMENTS: readonly string[] = [
  // blank runs and plain runs
  " ",
  "\t",
  "a",
  "A",
  "_",
  "-",
  "=",
  "/",
  ".",
  ":",
  // redaction: token prefixes, key names, URLs with a password, options
  "-eyJ",
  "eyJa.",
  "eyJ",
  "sk-",
  "ghp_",
  "xoxb-",
  "Bearer ",
  "password=",
  "A_KEY=",
  "aws_secret_key=",
  "//a:",
  "--a-",
  "--password ",
  "curl ",
  "curl -u ",
  "mysql ",
  "sshpass -p ",
  "-----BEGIN ",
  "AAAA\n",
  // risk: the command words its rules look ahead from
  "git ",
  "git -c ",
  "git push ",
  "git branch ",
  "rm ",
  "rm -r ",
  "find ",
  "dd ",
  "xargs ",
  "chmod -R ",
  "curl x; ",
  "> a",
  "tee ",
  "sudo ",
  "eval ",
  // screens: markers, option rows, prompts, escapes
  "❯ ",
  "› ",
  "│ ",
  "─",
  "1. ",
  " 1. ",
  "$ ",
  "✻ ",
  "● ",
  "• ",
  "\x1b[",
  "\x1b[1;",
  "\x1b]",
  "passed ",
  "1 passed ",
  "Tests: ",
];

/** `fragment` repeated to exactly `length` characters. */
export function repeatTo(fragment: string, length: number): string {
  return fragment.repeat(Math.ceil(length / fragment.length)).slice(0, length);
}

export interface HostileLine {
  /** The fragment, JSON-quoted (for names in test and bench output). */
  name: string;
  text: string;
}

/** One line per fragment, each `length` characters long. */
export function hostileLines(length = 96_000): HostileLine[] {
  return HOSTILE_FRAGMENTS.map((f) => ({ name: JSON.stringify(f), text: repeatTo(f, length) }));
}
