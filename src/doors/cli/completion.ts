// `wingman completion bash|zsh|fish`: a script that completes commands, each command's options and their
// fixed values, and live session names. Names come from `wingman __complete sessions`, which reads only
// the registry (no tmux call), prints one name a line, and prints nothing (exit 0) when anything is amiss:
// a completion must never spill errors into the person's command line.
import type { CliCommand } from "./commands.js";
import { COMMANDS } from "./commands.js";

export const SHELLS = ["bash", "zsh", "fish"] as const;
export type Shell = (typeof SHELLS)[number];

const names = () => COMMANDS.map((c) => c.name);
const sessionCommands = () => COMMANDS.filter((c) => c.takesSession).map((c) => c.name);
const flags = (c: CliCommand) => [...c.options.map((o) => `--${o.name}`), "--help"];

export function completionScript(shell: Shell): string {
  switch (shell) {
    case "bash":
      return bash();
    case "zsh":
      return zsh();
    case "fish":
      return fish();
  }
}

function bash(): string {
  const optCases = COMMANDS.map((c) => `    ${c.name}) opts="${flags(c).join(" ")}" ;;`).join("\n");
  const valueCases = COMMANDS.flatMap((c) =>
    c.options
      .filter((o) => o.completes)
      .map((o) => {
        const body = Array.isArray(o.completes)
          ? `COMPREPLY=( $(compgen -W "${(o.completes as readonly string[]).join(" ")}" -- "$cur") )`
          : o.completes === "dirs"
            ? `COMPREPLY=( $(compgen -d -- "$cur") )`
            : `COMPREPLY=( $(compgen -f -- "$cur") )`;
        return `    ${c.name}:--${o.name}) ${body}; return ;;`;
      }),
  ).join("\n");
  return `# bash completion for wingman. Load it with:  source <(wingman completion bash)
# or save it as ~/.local/share/bash-completion/completions/wingman
_wingman() {
  local cur prev cmd opts
  cur="\${COMP_WORDS[COMP_CWORD]}"
  prev="\${COMP_WORDS[COMP_CWORD-1]}"
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=( $(compgen -W "${names().join(" ")} --version --help" -- "$cur") )
    return
  fi
  cmd="\${COMP_WORDS[1]}"
  case "$cmd:$prev" in
${valueCases}
  esac
  case "$cmd" in
${optCases}
    *) opts="" ;;
  esac
  if [[ "$cur" == -* ]]; then
    COMPREPLY=( $(compgen -W "$opts" -- "$cur") )
    return
  fi
  case "$cmd" in
    ${sessionCommands().join("|")})
      COMPREPLY=( $(compgen -W "$(command wingman __complete sessions 2>/dev/null)" -- "$cur") ) ;;
    help) COMPREPLY=( $(compgen -W "${names().join(" ")}" -- "$cur") ) ;;
    completion) COMPREPLY=( $(compgen -W "${SHELLS.join(" ")}" -- "$cur") ) ;;
    inspect-screen) COMPREPLY=( $(compgen -f -- "$cur") ) ;;
  esac
}
complete -F _wingman wingman
`;
}

function zsh(): string {
  const optCases = COMMANDS.map((c) => `    ${c.name}) opts=(${flags(c).join(" ")}) ;;`).join("\n");
  const valueCases = COMMANDS.flatMap((c) =>
    c.options
      .filter((o) => o.completes)
      .map((o) => {
        const body = Array.isArray(o.completes)
          ? `compadd -- ${(o.completes as readonly string[]).join(" ")}`
          : o.completes === "dirs"
            ? "_files -/"
            : "_files";
        return `    ${c.name}:--${o.name}) ${body}; return ;;`;
      }),
  ).join("\n");
  return `#compdef wingman
# zsh completion for wingman. Load it with:  source <(wingman completion zsh)
# or save it as _wingman in a folder on $fpath
_wingman() {
  local cmd prev
  local -a opts
  if (( CURRENT == 2 )); then
    compadd -- ${names().join(" ")} --version --help
    return
  fi
  cmd=\${words[2]}
  prev=\${words[CURRENT-1]}
  case "$cmd:$prev" in
${valueCases}
  esac
  case "$cmd" in
${optCases}
  esac
  if [[ \${words[CURRENT]} == -* ]]; then
    compadd -- $opts
    return
  fi
  case "$cmd" in
    ${sessionCommands().join("|")})
      compadd -- \${(f)"$(command wingman __complete sessions 2>/dev/null)"} ;;
    help) compadd -- ${names().join(" ")} ;;
    completion) compadd -- ${SHELLS.join(" ")} ;;
    inspect-screen) _files ;;
  esac
}
if [[ "\${funcstack[1]}" == "_wingman" ]]; then
  _wingman "$@"
else
  compdef _wingman wingman
fi
`;
}

function fish(): string {
  const lines = [
    "# fish completion for wingman. Load it with:  wingman completion fish | source",
    "# or save it as ~/.config/fish/completions/wingman.fish",
    "complete -c wingman -f",
    `complete -c wingman -n __fish_use_subcommand -a "${names().join(" ")}"`,
    "complete -c wingman -n __fish_use_subcommand -l version -d 'print the version'",
    `complete -c wingman -n "__fish_seen_subcommand_from ${sessionCommands().join(" ")}" -a "(command wingman __complete sessions 2>/dev/null)"`,
    `complete -c wingman -n "__fish_seen_subcommand_from help" -a "${names().join(" ")}"`,
    `complete -c wingman -n "__fish_seen_subcommand_from completion" -a "${SHELLS.join(" ")}"`,
    `complete -c wingman -n "__fish_seen_subcommand_from inspect-screen" -F`,
  ];
  for (const c of COMMANDS) {
    for (const o of c.options) {
      const desc = o.help.replace(/'/g, "").slice(0, 60);
      let values = "";
      if (Array.isArray(o.completes)) values = ` -x -a "${(o.completes as readonly string[]).join(" ")}"`;
      else if (o.completes === "dirs") values = ` -x -a "(__fish_complete_directories)"`;
      else if (o.completes === "files") values = " -r -F";
      else if (o.type === "string") values = " -x";
      lines.push(`complete -c wingman -n "__fish_seen_subcommand_from ${c.name}" -l ${o.name}${values} -d '${desc}'`);
    }
  }
  return `${lines.join("\n")}\n`;
}
