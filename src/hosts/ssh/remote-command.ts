// The one command line ssh hands to the remote login shell, built so that no login shell's quoting rules
// matter. ssh joins its arguments into one string and the remote user's login shell parses it: bash, dash and
// zsh read POSIX single quotes, but fish reads `\'` inside single quotes as an escape, csh trips on `!` and
// on a newline, and so on. So the login shell is only ever given
//
//     sh -c '<DECODE>' sh 'enc1' 'enc2' …
//
// where DECODE is a fixed one-line script and every `encN` is a value in which only printable ASCII other
// than `'`, `\`, `!` and `%` stands for itself; every other byte (and `%` itself) is written `%XX` (hex).
// Inside single quotes those characters mean themselves to every common shell, so the login shell hands
// the values to `sh` untouched, and from there on only POSIX sh parses anything: DECODE turns `%XX` back
// into bytes (one `awk`, only when some value holds a `%`) and runs the argv with `exec "$@"`.

/** Bytes that stay themselves: printable ASCII less the four characters some login shell treats specially. */
function plain(byte: number): boolean {
  return (
    byte >= 0x20 &&
    byte <= 0x7e &&
    byte !== 0x27 /* ' */ &&
    byte !== 0x5c /* \ */ &&
    byte !== 0x21 /* ! */ &&
    byte !== 0x25 /* % */
  );
}

/** One value as the login shell sees it: single-quoted, holding only plain characters and `%XX`. */
export function encodeArg(value: string): string {
  let out = "";
  for (const byte of Buffer.from(value, "utf8")) {
    out += plain(byte) ? String.fromCharCode(byte) : `%${byte.toString(16).padStart(2, "0")}`;
  }
  return `'${out}'`;
}

// The decoder. awk rebuilds every value byte by byte (LC_ALL=C: `%c` of a number is that byte, never a
// UTF-8 sequence) and prints `set -- 'v1' 'v2' …` in POSIX quoting for sh's `eval`. Its constants come in
// through -v (no quotes or backslashes needed in the program text): f is `%c`, h the hex digits, p the
// escape character; q and e (quote and backslash) are made from their codes.
const AWK =
  "BEGIN{q=sprintf(f,39);e=sprintf(f,92);o=s sprintf(f,32) d;" +
  "for(i=1;i<ARGC;i++){a=ARGV[i];r=q;n=length(a);" +
  "for(j=1;j<=n;j++){c=substr(a,j,1);" +
  "if(c==p){c=sprintf(f,16*(index(h,substr(a,j+1,1))-1)+index(h,substr(a,j+2,1))-1);j+=2};" +
  "if(c==q)c=q e q q;r=r c};o=o sprintf(f,32) r q};print o}";

/** The fixed script run by `sh -c`: decode when some value holds a `%`, then run the argv (no shell in between). */
export const DECODE = `case "$*" in *%*) eval "$(LC_ALL=C awk -v f=%c -v h=0123456789abcdef -v p=% -v s=set -v d=-- "${AWK}" "$@")" || exit 125;; esac; exec "$@"`;

// DECODE itself sits inside single quotes on the login shell's line: it must hold none of the characters
// that some shell treats specially there (checked once, when this module loads).
if (/['\\!\n]/.test(DECODE)) throw new Error("remote-command: the decoder holds a character a login shell would read");

/** The command line for `ssh HOST <line>` that runs `argv` there exactly, whatever the login shell. */
export function remoteCommand(argv: string[]): string {
  if (argv.length === 0) throw new Error("remoteCommand: empty argv");
  return `sh -c '${DECODE}' sh ${argv.map(encodeArg).join(" ")}`;
}
