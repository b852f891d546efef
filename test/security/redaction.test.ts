// Adversarial list: secrets never leave the machine. Each case is a line a screen may show and what must be
// gone from it once redacted (or, for the survivors, that it comes out unchanged). Redaction is ONE table in
// src/api/redact.ts; every entry carries its own example, and the first test runs them all.
//
// Fake tokens below are glued together from parts (k(…)) so that secret scanners do not flag this file;
// each is only the SHAPE of a real token.
import { describe, expect, it } from "vitest";
import { redactSecrets, SECRET_PATTERNS } from "../../src/api/redact.js";

const k = (...parts: string[]) => parts.join("");

/** The secret, and each of its words of 4+ characters: redacting only the first word of a quoted value is a leak. */
const piecesOf = (secret: string) => [secret, ...secret.split(/\s+/).filter((w) => w.length >= 4)];

describe("the redaction table", () => {
  it("has entries, each with a name, an example line and the secret part of it", () => {
    expect(Array.isArray(SECRET_PATTERNS)).toBe(true);
    expect(SECRET_PATTERNS.length).toBeGreaterThan(10);
    const names = SECRET_PATTERNS.map((p) => p.name);
    expect(new Set(names).size).toBe(names.length);
  });
  for (const p of SECRET_PATTERNS ?? []) {
    it(`${p.name}: its own pattern fires on its example, and the secret part is gone after redaction`, () => {
      expect(p.example).toContain(p.secret);
      const alone = p.example.replace(p.re, p.replace as never);
      expect(alone, "the entry's own pattern must fire on its example").not.toBe(p.example);
      const out = redactSecrets(p.example);
      for (const piece of piecesOf(p.secret)) expect(out).not.toContain(piece);
      expect(out).toContain("[redacted");
    });
  }
});

// attack input → the part that must not survive redaction
const attacks: Array<[what: string, input: string, secret: string]> = [
  [
    "PGP private key block",
    "-----BEGIN PGP PRIVATE KEY BLOCK-----\n\nlQOYBGExampleBodyLine0123456789abcdefABCDEF\n=Ab12\n-----END PGP PRIVATE KEY BLOCK-----",
    "lQOYBGExampleBodyLine0123456789abcdefABCDEF",
  ],
  [
    "PGP private key block, no END in sight",
    "gpg --export-secret-keys -a\n-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBGExampleBodyLine0123456789",
    "lQOYBGExampleBodyLine0123456789",
  ],
  [
    "private key tail whose BEGIN scrolled away",
    "MIIEvQIBADANBgkqhkiG9w0BAQEFAASCBKcwggSjAgEAAoIBAQC7\nAbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMn\n-----END PRIVATE KEY-----",
    "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789+/AbCdEfGhIjKlMn",
  ],
  [
    "bare AWS secret access key (credentials.csv)",
    "Access key ID,Secret access key\nAKIAIOSFODNN7EXAMPLE,wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
  ],
  [
    "AWS secret key with + in it, alone on a line",
    "  Zq3+Vb8nT1mK4pW7xY2cR5dF0gH6jL9sA1eU3oIi",
    "Zq3+Vb8nT1mK4pW7xY2cR5dF0gH6jL9sA1eU3oIi",
  ],
  [
    "aws_secret_access_key in ~/.aws/credentials",
    "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
    "wJalrXUtnFEMI/K7MDENG",
  ],
  [
    "Stripe live secret key",
    k("stripe.api_key = ", "sk_", "live_", "51H8xYzAbCdEfGhIjKlMnOpQr"),
    "51H8xYzAbCdEfGhIjKlMnOpQr",
  ],
  [
    "Stripe restricted key",
    k("curl -u ", "rk_", "live_", "51H8xYzAbCdEfGhIjKlMnOp: https://api.stripe.com"),
    "51H8xYzAbCdEfGhIjKlMnOp",
  ],
  ["Stripe test key", k("STRIPE=", "sk_", "test_", "4eC39HqLyjWDarjtT1zdp7dc"), "4eC39HqLyjWDarjtT1zdp7dc"],
  [
    "Google API key",
    k("https://maps.googleapis.com/maps/api/js?key=", "AIza", "SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW"),
    "SyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW",
  ],
  [
    "npm token",
    k("//registry.npmjs.org/:_authToken=", "npm_", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789"),
    "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
  ],
  [
    "npm token in prose",
    k("your token is ", "npm_", "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789", " keep it safe"),
    "AbCdEfGhIjKlMnOpQrStUvWxYz0123456789",
  ],
  [
    "GitLab personal access token",
    k("git clone https://oauth2:", "glpat-", "AbCdEfGhIj1234567890@gitlab.com/x/y.git"),
    "AbCdEfGhIj1234567890",
  ],
  ["GitLab token in prose", k("Using ", "glpat-", "xYz12AbCdEfGhIj34567 for the API"), "xYz12AbCdEfGhIj34567"],
  [
    "Hugging Face token",
    k("huggingface-cli login --token ", "hf_", "AbCdEfGhIjKlMnOpQrStUvWxYz01234567"),
    "AbCdEfGhIjKlMnOpQrStUvWxYz01234567",
  ],
  [
    "Hugging Face token in prose",
    k("HF says: ", "hf_", "AbCdEfGhIjKlMnOpQrStUvWxYz01234567"),
    "AbCdEfGhIjKlMnOpQrStUvWxYz01234567",
  ],
  [
    "Slack webhook",
    k("curl -X POST ", "https://hooks.slack.com/services/", "T0AAAAAAA/B0BBBBBBB/AbCdEfGhIjKlMnOpQrStUvWx"),
    "AbCdEfGhIjKlMnOpQrStUvWx",
  ],
  ["Slack xoxe refresh token", k("refresh: ", "xoxe", "-1-AbCdEfGhIjKlMnOpQrStUv"), "AbCdEfGhIjKlMnOpQrStUv"],
  ["Slack xoxa token", k("", "xoxa", "-2-1234567890-AbCdEfGhIjKl"), "1234567890-AbCdEfGhIjKl"],
  ["Slack xoxb token", k("", "xoxb", "-1234567890-AbCdEfGhIjKl"), "1234567890-AbCdEfGhIjKl"],
  ["Slack xoxp token", k("", "xoxp", "-1234567890-AbCdEfGhIjKl"), "1234567890-AbCdEfGhIjKl"],
  ["Slack xoxr token", k("", "xoxr", "-1234567890-AbCdEfGhIjKl"), "1234567890-AbCdEfGhIjKl"],
  ["Slack xoxs token", k("", "xoxs", "-1234567890-AbCdEfGhIjKl"), "1234567890-AbCdEfGhIjKl"],
  ["DB_PASS= assignment", "export DB_PASS=hunter2hunter2", "hunter2hunter2"],
  ["short DB_PASS", "DB_PASS=abc psql", "=abc"],
  ["*_KEY= assignment", "STRIPE_KEY=abc123def456 node server.js", "abc123def456"],
  ["*_SIGNING_KEY= assignment", "JWT_SIGNING_KEY=s1gn1ngs3cr3t npm start", "s1gn1ngs3cr3t"],
  ["*_PASSWD= assignment, quoted with spaces", 'SMTP_PASSWD="two words" node mail.js', "two words"],
  ["*_TOKEN= assignment, single-quoted with spaces", "CI_JOB_TOKEN='a b c d' make", "a b c d"],
  ["*_APIKEY= assignment", "OPENWEATHER_APIKEY=0a1b2c3d4e", "0a1b2c3d4e"],
  ["mysql -pSECRET", "mysql -u root -pS3cretPass shop", "S3cretPass"],
  ["mysqldump -p'quoted secret'", "mysqldump -u root -p'quoted secret' shop > dump.sql", "quoted secret"],
  ['mysql --password="with spaces"', 'mysql --password="with spaces" shop', "with spaces"],
  [
    "JSON password with spaces",
    '{"user": "bob", "password": "correct horse battery staple"}',
    "correct horse battery staple",
  ],
  [
    "JSON password with spaces, single quotes",
    "{'password': 'correct horse battery staple'}",
    "correct horse battery staple",
  ],
  ["password = 'a b c'", "password = 'a b c'", "a b c"],
  ['secret: "a b" in YAML', 'client_secret: "two words here"', "two words here"],
  ["sshpass -p", "sshpass -p 'pa ss' ssh host", "pa ss"],
  ["curl -u user:password", "curl -s -u bob:hunter2x https://api.example.com", "hunter2x"],
  ["wget --http-password=", "wget --http-user=bob --http-password=hunter2x https://x.example/f", "hunter2x"],
];

describe("attacks: each secret is gone after redaction", () => {
  it.each(attacks)("%s", (_what, input, secret) => {
    const out = redactSecrets(input);
    for (const piece of piecesOf(secret)) expect(out).not.toContain(piece);
    expect(out).toContain("[redacted");
  });
});

// text that must come out exactly as it went in
const survivors: Array<[what: string, input: string]> = [
  ["a git SHA (40 lowercase hex)", "git show 3f786850e387550fdab836ed7e6dc881de23001b"],
  ["a git SHA alone", "3f786850e387550fdab836ed7e6dc881de23001b"],
  ["an upper-case hex SHA-1", "SHA1: 3F786850E387550FDAB836ED7E6DC881DE23001B"],
  ["a 40-character path with capitals and digits", "cat src/Components/Button2/SomethingElseHere"],
  ["an absolute 40-character path", "/Users/Alice2/Projects/MyApp/src/Widgets"],
  ["a normal path", "/usr/lib/x86_64-linux-gnu/libssl.so.3"],
  ["a URL", "https://github.com/Owner/Repo2/blob/main/src/Index.ts"],
  ["a sha256 digest", "sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"],
  ["a UUID", "claude --resume 123e4567-e89b-12d3-a456-426614174000"],
  ["npm test", "npm test -- --run"],
  ["MAX_TOKENS is not a token", "MAX_TOKENS=4096 node run.js"],
  ["mysql without a password", "mysql -u root -h db.local -P 3306 shop"],
  ["mysql -p that prompts", "mysql -u root -p shop"],
  ["prose about passwords", "Password reset link sent to the user"],
  ["a task list", "✻ Running tests… (12s · esc to interrupt)"],
  ["git log", "git log --oneline -n 5"],
  ["a comparison is not an assignment", "while (PRIMARY_KEY == other) step();"],
  ["a token file option", "gh auth login --with-token < token.txt"],
  ["curl -u with no password", "curl -u bob https://api.example.com"],
];

describe("survivors: ordinary text is left alone", () => {
  it.each(survivors)("%s", (_what, input) => {
    expect(redactSecrets(input)).toBe(input);
  });
});

describe("redaction is stable", () => {
  it("redacting twice changes nothing more", () => {
    for (const [, input] of attacks) expect(redactSecrets(redactSecrets(input))).toBe(redactSecrets(input));
  });
});

describe("redaction stays fast on a whole capture", () => {
  it("a 6000-line base64 blob with no key markers takes well under a second, and is kept", () => {
    const blob = Array.from(
      { length: 6000 },
      () => "QUJDREVGR0hJSktMTU5PUFFSU1RVVldYWVo0123456789abcdefABCDEF+/ab",
    ).join("\n");
    const start = performance.now();
    const out = redactSecrets(blob);
    expect(performance.now() - start).toBeLessThan(1000);
    expect(out).toBe(blob);
  });
});
