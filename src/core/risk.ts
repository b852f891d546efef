// Risk tiers for a pending prompt. High risk: `always` is refused and `approve` needs `confirm`.
// The rules err on the side of "high": a false alarm costs one extra word, a miss can cost a repository.
import { isAbsolute, relative, resolve } from "node:path";
import type { PromptKind, RiskTier } from "./types.js";

interface Rule {
  re: RegExp;
  reason: string;
}

const HIGH_COMMAND: Rule[] = [
  { re: /\brm\s+(-[a-zA-Z]*[rR][a-zA-Z]*\s+-?[a-zA-Z]*f|-[a-zA-Z]*f[a-zA-Z]*\s+-?[a-zA-Z]*[rR]|-[a-zA-Z]*[rR][a-zA-Z]*f|-[a-zA-Z]*f[a-zA-Z]*[rR]|--recursive\b.*--force|--force\b.*--recursive)/, reason: "rm -rf" },
  { re: /\bgit\s+push\b.*(\s--force\b|\s-f\b|\s--force-with-lease\b|\s\+\S)/, reason: "git push --force" },
  { re: /\bgit\s+reset\s+--hard\b/, reason: "git reset --hard" },
  { re: /\bgit\s+clean\s+-[a-zA-Z]*f/, reason: "git clean -f" },
  { re: /\b(curl|wget)\b[^|]*\|\s*(sudo\s+)?(sh|bash|zsh|python3?|node)\b/, reason: "download piped to a shell" },
  { re: /(^|[\s;&|(])sudo\s/, reason: "sudo" },
  { re: /\bchmod\s+(-R\s+)?0?777\b/, reason: "chmod 777" },
  { re: /\bmkfs(\.\w+)?\b/, reason: "mkfs" },
  { re: /\bdd\b[^\n]*\bof=/, reason: "dd of=" },
  { re: />\s*\/dev\/(sd|nvme|disk|hd)/, reason: "write to a disk device" },
  { re: /:\(\)\s*\{\s*:\|:&\s*\};:/, reason: "fork bomb" },
];

const SECRETS = /(^|[\s/'"=])(\.env(\.\w+)?|id_rsa|id_ed25519|\.ssh\/|\.aws\/credentials|\.npmrc|\.netrc|\.pgpass|[\w.-]+\.pem|[\w.-]+\.key)(\b|$|['"\s])|\b(password|passwd|secret|token|api[_-]?key)\b/i;

const READ_ONLY = /^(ls|cat|head|tail|wc|pwd|echo|git\s+(status|diff|log|show|branch)|npm\s+(test|run\s+(test|lint|build|typecheck))|npx\s+(vitest|tsc|biome)|node\s+--test|pytest|go\s+test|cargo\s+test|grep|rg|find(?![^\n]*-delete))\b/;

export function assessRisk(
  p: { tool: string | null; detail: string | null; body?: string; kind: PromptKind },
  workdir: string,
): { tier: RiskTier; reasons: string[] } {
  const reasons: string[] = [];
  const detail = p.detail ?? "";
  if (p.kind === "tool" && (p.tool === "Bash" || p.tool === null)) {
    for (const r of HIGH_COMMAND) if (r.re.test(detail)) reasons.push(r.reason);
    if (SECRETS.test(detail)) reasons.push("touches secrets");
    if (!reasons.length && READ_ONLY.test(detail.trim()) && !/[;&|`>]|\$\(/.test(detail)) return { tier: "low", reasons: [] };
  }
  if (p.kind === "tool" && (p.tool === "Write" || p.tool === "Edit" || p.tool === "NotebookEdit")) {
    if (detail && outside(detail, workdir)) reasons.push("writes outside the project folder");
    if (SECRETS.test(detail)) reasons.push("touches secrets");
  }
  return reasons.length ? { tier: "high", reasons: [...new Set(reasons)] } : { tier: "normal", reasons: [] };
}

function outside(path: string, workdir: string): boolean {
  if (!workdir) return false;
  const abs = isAbsolute(path) ? path : resolve(workdir, path);
  const rel = relative(workdir, abs);
  return rel.startsWith("..") || isAbsolute(rel);
}
