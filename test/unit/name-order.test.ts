// The dashboard orders session and host names with a plain comparison instead of localeCompare (whose first
// call builds an ICU collator, ~7 ms of CPU on a cold CLI). For names Wingman allows ([a-z0-9-]) the two
// orders must be the same; this checks every name of up to two characters and many longer ones.
import { describe, expect, it } from "vitest";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789-";
const plain = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

describe("name order", () => {
  it("a plain comparison orders [a-z0-9-] names as localeCompare does", () => {
    const names: string[] = [];
    for (const a of ALPHABET) {
      names.push(a);
      for (const b of ALPHABET) names.push(a + b);
    }
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed / 2147483648;
    };
    for (let i = 0; i < 3000; i++)
      names.push(
        Array.from({ length: 3 + Math.floor(next() * 10) }, () => ALPHABET[Math.floor(next() * ALPHABET.length)]).join(
          "",
        ),
      );
    expect([...names].sort(plain)).toEqual([...names].sort((a, b) => a.localeCompare(b)));
  });
});
