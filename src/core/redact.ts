// Secrets shown on a screen must not leave the machine: every message and field Wingman sends out goes
// through redactSecrets. Patterns cover the common token shapes and key=value forms.
const PATTERNS: Array<[RegExp, string]> = [
  [/-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(-----END [A-Z ]*PRIVATE KEY-----|$)/g, "[redacted private key]"],
  [/\bsk-ant-[A-Za-z0-9_-]{10,}/g, "[redacted]"],
  [/\bsk-(proj-)?[A-Za-z0-9_-]{20,}/g, "[redacted]"],
  [/\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g, "[redacted]"],
  [/\bgithub_pat_[A-Za-z0-9_]{20,}/g, "[redacted]"],
  [/\b(AKIA|ASIA)[A-Z0-9]{16}\b/g, "[redacted]"],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/g, "[redacted]"],
  [/\beyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g, "[redacted]"],
  [/\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi, "$1 [redacted]"],
  [/((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth)["']?\s*[:=]\s*["']?)[^\s"'&;]{4,}/gi, "$1[redacted]"],
  [/(--(?:password|token|api-key|secret)[= ])\S+/gi, "$1[redacted]"],
  [/(\/\/[^:/\s]+:)[^@/\s]{3,}@/g, "$1[redacted]@"],
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const [re, rep] of PATTERNS) out = out.replace(re, rep);
  return out;
}
