// Secrets shown on a screen must not leave the machine: every message and field Wingman sends out goes
// through redactSecrets. The patterns are ONE table below; each entry names what it catches and carries an
// example line (test/security/redaction.test.ts checks every example is redacted and its secret is gone).
// Redact whole texts, then cut: a pattern cannot see a secret whose start was cut away.
import type { ParsedPrompt } from "./types.js";

export interface SecretPattern {
  name: string;
  /** Always global. */
  re: RegExp;
  replace: string | ((match: string, ...groups: string[]) => string);
  /** A line this entry must redact, and the part of it that must be gone afterwards. */
  example: string;
  secret: string;
}

// Example tokens are glued from parts so that secret scanners do not flag this file.
const k = (...parts: string[]) => parts.join("");

/**
 * A quoted value with spaces (`"correct horse"`, `'a b c'`) or an unquoted run of at least `min` characters
 * (not a redirection or subshell: `--with-token < file` names no secret).
 */
const value = (min: number) => `(?:"[^"\\n]*"|'[^'\\n]*'|(?![<>(\`])[^\\s"'&;|]{${min},})`;
/** Keep the quotes of a quoted value, replace what is inside (or the whole unquoted value). */
const quoted = (v: string) => (v.startsWith('"') ? '"[redacted]"' : v.startsWith("'") ? "'[redacted]'" : "[redacted]");

/** A 40-character [A-Za-z0-9/+] run is an AWS secret key when it mixes cases and digits, and is not a path. */
function awsSecretOrKeep(m: string): string {
  if (!/[A-Z]/.test(m) || !/[a-z]/.test(m) || !/[0-9]/.test(m) || !/[/+]/.test(m)) return m;
  // A path (`src/Components/Button2/Other`) is made of word-like segments; a random key is not.
  const wordy = /^(?:[A-Z]{2,6}|[A-Za-z][a-z]*(?:[A-Z][a-z]+)*)[0-9]*$/;
  if (!m.includes("+") && m.split("/").every((seg) => seg === "" || wordy.test(seg))) return m;
  return "[redacted]";
}

export const SECRET_PATTERNS: readonly SecretPattern[] = [
  {
    name: "private key block (PEM, OpenSSH, PGP), to its END or the end of the text",
    re: /-----BEGIN [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----[\s\S]*?(?:-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----|$)/g,
    replace: "[redacted private key]",
    example: "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGExampleKeyBody0123\n-----END PGP PRIVATE KEY BLOCK-----",
    secret: "lQOYBGExampleKeyBody0123",
  },
  {
    name: "private key tail whose BEGIN line is not in the text",
    // The run of base64 lines right above an END line; the lookbehind starts each run once (linear time).
    re: /(?<!^[ \t│⎿]*[A-Za-z0-9+/=]{4,}[ \t]*\r?\n)(?:^[ \t│⎿]*[A-Za-z0-9+/=]{4,}[ \t]*\r?\n)+[ \t│⎿]*-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----/gm,
    replace: "[redacted private key]",
    example: "MIIEvQIBADANBgkqhkiG9w0BAQEFAASC\nAbCdEfGhIjKlMnOpQrStUvWx0123+/==\n-----END PRIVATE KEY-----",
    secret: "AbCdEfGhIjKlMnOpQrStUvWx0123+/==",
  },
  {
    name: "Anthropic key",
    re: /\bsk-ant-[A-Za-z0-9_-]{10,}/g,
    replace: "[redacted]",
    example: k("ANTHROPIC_API_KEY=", "sk-ant-", "api03-AbCdEfGhIjKlMnOp"),
    secret: "api03-AbCdEfGhIjKlMnOp",
  },
  {
    name: "OpenAI key",
    re: /\bsk-(proj-)?[A-Za-z0-9_-]{20,}/g,
    replace: "[redacted]",
    example: k("key ", "sk-", "proj-AbCdEfGhIjKlMnOpQrStUv"),
    secret: "AbCdEfGhIjKlMnOpQrStUv",
  },
  {
    name: "Stripe secret or restricted key",
    re: /\b(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{10,}/g,
    replace: "[redacted]",
    example: k("curl -u ", "rk_", "live_", "51H8xYzAbCdEfGhIjKlMnOp: https://api.stripe.com"),
    secret: "51H8xYzAbCdEfGhIjKlMnOp",
  },
  {
    name: "GitHub token",
    re: /\b(ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{20,}/g,
    replace: "[redacted]",
    example: k("token ", "ghp_", "AbCdEfGhIjKlMnOpQrStUvWxYz012345"),
    secret: "AbCdEfGhIjKlMnOpQrStUvWxYz012345",
  },
  {
    name: "GitHub fine-grained token",
    re: /\bgithub_pat_[A-Za-z0-9_]{20,}/g,
    replace: "[redacted]",
    example: k("", "github_pat_", "11ABCDEFG0AbCdEfGhIjKl_MnOpQrStUv"),
    secret: "11ABCDEFG0AbCdEfGhIjKl_MnOpQrStUv",
  },
  {
    name: "GitLab token",
    re: /\bglpat-[A-Za-z0-9_.-]{20,}/g,
    replace: "[redacted]",
    example: k("Using ", "glpat-", "xYz12AbCdEfGhIj34567 for the API"),
    secret: "xYz12AbCdEfGhIj34567",
  },
  {
    name: "npm token",
    re: /\bnpm_[A-Za-z0-9]{36}\b/g,
    replace: "[redacted]",
    example: k("your token is ", "npm_", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"),
    secret: "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
  },
  {
    name: "Hugging Face token",
    re: /\bhf_[A-Za-z0-9]{30,}/g,
    replace: "[redacted]",
    example: k("HF says: ", "hf_", "AbCdEfGhIjKlMnOpQrStUvWxYz01234567"),
    secret: "AbCdEfGhIjKlMnOpQrStUvWxYz01234567",
  },
  {
    name: "Google API key",
    re: /\bAIza[0-9A-Za-z_-]{35}/g,
    replace: "[redacted]",
    example: k("?key=", "AIza", "SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW"),
    secret: "SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
  },
  {
    name: "AWS access key id",
    re: /\b(AKIA|ASIA)[A-Z0-9]{16}\b/g,
    replace: "[redacted]",
    example: k("aws_access_key_id ", "AKIA", "ABCDEFGHIJKLMNOP"),
    secret: "ABCDEFGHIJKLMNOP",
  },
  {
    name: "AWS secret access key, named",
    re: /((?:aws_?secret_?access_?key|aws_?secret_?key|secret_?access_?key)["']?\s*[:=]\s*["']?)[A-Za-z0-9/+=]{40}(?![A-Za-z0-9/+=])/gi,
    replace: "$1[redacted]",
    example: "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  },
  {
    name: "AWS secret access key, bare (40 characters mixing cases, digits and / or +; not a path)",
    re: /(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])/g,
    replace: awsSecretOrKeep,
    example: "AKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    secret: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  },
  {
    name: "Slack webhook",
    re: /\bhttps:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9/_-]+/g,
    replace: "https://hooks.slack.com/[redacted]",
    example: k("curl -X POST ", "https://hooks.slack.com/services/", "T0AAAAAAA/B0BBBBBBB/AbCdEfGhIjKlMnOpQrStUvWx"),
    secret: "AbCdEfGhIjKlMnOpQrStUvWx",
  },
  {
    name: "Slack token (xoxa, xoxb, xoxe, xoxo, xoxp, xoxr, xoxs; xapp)",
    re: /\b(?:xox[abeoprs](?:\.xox[abeoprs])?|xapp)-[A-Za-z0-9-]{10,}/g,
    replace: "[redacted]",
    example: k("refresh: ", "xoxe", "-1-AbCdEfGhIjKlMnOpQrStUv"),
    secret: "AbCdEfGhIjKlMnOpQrStUv",
  },
  {
    name: "JSON web token",
    // Starts only where a run of token characters starts: with `\b`, every `-eyJ` inside one long run was a
    // start that scanned to the run's end (quadratic: 7 s on a 96k-character line).
    re: /(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{8,}/g,
    replace: "[redacted]",
    example: k("jwt ", "eyJ", "hbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.AbCdEfGhIjKl"),
    secret: "hbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.AbCdEfGhIjKl",
  },
  {
    name: "Authorization: Bearer / Basic",
    re: /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{12,}/gi,
    replace: "$1 [redacted]",
    example: "curl -H 'Authorization: Bearer abcdef0123456789xyz' https://api.example.com",
    secret: "abcdef0123456789xyz",
  },
  {
    name: "password, secret, token or key assigned (key=value, JSON, YAML), quoted values whole",
    re: new RegExp(
      `((?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|auth)["']?\\s*[:=]\\s*)(${value(4)})`,
      "gi",
    ),
    replace: (_m, key, v) => `${key}${quoted(v!)}`,
    example: '{"user": "bob", "password": "correct horse battery staple"}',
    secret: "correct horse battery staple",
  },
  {
    name: "environment variable named *PASS, *PASSWORD, *PASSWD, *SECRET, *TOKEN, *KEY, *APIKEY",
    re: new RegExp(
      `\\b([A-Z][A-Z0-9_]*(?:PASS|PASSWORD|PASSWD|SECRET|TOKEN|KEY|APIKEY)\\s*=(?!=)\\s*)(?!\\$)(${value(1)})`,
      "g",
    ),
    replace: (_m, key, v) => `${key}${quoted(v!)}`,
    example: "export DB_PASS=hunter2hunter2",
    secret: "hunter2hunter2",
  },
  {
    name: "--password / --token / --api-key / --secret option (also --http-password, --auth-token, …)",
    re: new RegExp(`(--(?:[a-z]+-)*(?:password|passwd|pass|token|api-key|apikey|secret)[= ])(${value(1)})`, "gi"),
    replace: (_m, opt, v) => `${opt}${quoted(v!)}`,
    example: 'mysql --password="with spaces" shop',
    secret: "with spaces",
  },
  {
    name: "mysql -pSECRET (password glued to -p)",
    re: new RegExp(
      `(\\b(?:mysql|mysqldump|mysqladmin|mysqlimport|mysqlcheck|mariadb|mariadb-dump)\\b[^\\n;&|]{0,300}?\\s-p)(${value(1)})`,
      "g",
    ),
    replace: (_m, opt, v) => `${opt}${quoted(v!)}`,
    example: "mysql -u root -pS3cretPass shop",
    secret: "S3cretPass",
  },
  {
    name: "curl -u user:password",
    re: /(\bcurl\b[^\n;&|]{0,300}?\s(?:-u|--user)(?:\s+|=)?["']?[^\s:"']+:)([^\s"']+)/g,
    replace: "$1[redacted]",
    example: "curl -u bob:hunter2x https://api.example.com",
    secret: "hunter2x",
  },
  {
    name: "sshpass -p SECRET",
    re: new RegExp(`(\\bsshpass\\s+-p\\s*)(${value(1)})`, "g"),
    replace: (_m, opt, v) => `${opt}${quoted(v!)}`,
    example: "sshpass -p 'pa ss' ssh host",
    secret: "pa ss",
  },
  {
    name: "password in a URL (scheme://user:password@host)",
    re: /(\/\/[^:/\s]+:)[^@/\s]{3,}@/g,
    replace: "$1[redacted]@",
    example: "git clone https://bob:hunter22@git.example.com/x.git",
    secret: "hunter22",
  },
];

export function redactSecrets(text: string): string {
  let out = text;
  for (const p of SECRET_PATTERNS)
    out = typeof p.replace === "string" ? out.replace(p.re, p.replace) : out.replace(p.re, p.replace);
  return out;
}

/** A prompt as it may leave the machine: every text field redacted; id, roles, numbers and order kept. */
export function redactPrompt<T extends ParsedPrompt>(p: T): T {
  const r = <S extends string | null | undefined>(s: S): S => (s ? (redactSecrets(s) as S) : s);
  const out: T = { ...p, question: r(p.question), detail: r(p.detail) };
  if (p.body !== undefined) out.body = r(p.body);
  if (p.header !== undefined) out.header = r(p.header);
  out.options = p.options.map((o) => {
    const c = { ...o, label: r(o.label) };
    if (o.scope !== undefined) c.scope = r(o.scope);
    if (o.description !== undefined) c.description = r(o.description);
    return c;
  });
  return out;
}
