// Validation of the names and ids people type. Everything here is hostile until it passes.
import { randomInt } from "node:crypto";
import { usage } from "../../api/errors.js";

export const NAME_RULE = "1-32 characters: lowercase letters, digits and '-', starting with a letter or digit";
const NAME_RE = /^[a-z0-9][a-z0-9-]{0,31}$/;

export function isValidName(name: string): boolean {
  return NAME_RE.test(name);
}

/** Throws a usage error that states the rule and quotes (safely) what was given. */
export function assertValidName(name: string): string {
  if (!isValidName(name)) {
    throw usage(`invalid session name ${quote(name)}: use ${NAME_RULE} (e.g. vsr-fix)`);
  }
  return name;
}

/** Prompt ids: no look-alikes (0/o, 1/l/i), always at least one digit so no English word reads as an id. */
export const ID_ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz";
const ID_DIGITS = "23456789";
const ID_RE = /^[23456789abcdefghjkmnpqrstuvwxyz]{4}$/;

export function isPromptId(s: string): boolean {
  return ID_RE.test(s) && /[2-9]/.test(s);
}

/** A fresh id not in `used`. */
export function newPromptId(used: ReadonlySet<string>): string {
  for (;;) {
    const chars = Array.from({ length: 4 }, () => ID_ALPHABET[randomInt(ID_ALPHABET.length)]!);
    if (!chars.some((c) => ID_DIGITS.includes(c))) chars[randomInt(4)] = ID_DIGITS[randomInt(ID_DIGITS.length)]!;
    const id = chars.join("");
    if (!used.has(id)) return id;
  }
}

/** Quote user text for an error message: bounded, control characters made visible. */
export function quote(s: string, max = 40): string {
  const clean = s.replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
  const cut = clean.length > max ? `${clean.slice(0, max)}…` : clean;
  return `"${cut}"`;
}
