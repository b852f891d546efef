// Display width takes a short path for text whose code points are each a cluster of their own (no ICU
// segmenter is built for it, which costs a cold `wingman status` 10-15 ms of CPU), and segments the rest.
// Both paths must agree with what a terminal draws.
import { describe, expect, it } from "vitest";
import { cutToWidth, displayWidth } from "../../src/format/width.js";

describe("display width, short path and segmented path", () => {
  it("one cluster per code point: ASCII, CJK, emoji, box drawing", () => {
    expect(displayWidth("💤 Idle · ~/w")).toBe(13);
    expect(displayWidth("日本語 ok")).toBe(9);
    expect(displayWidth("────")).toBe(4);
  });
  it("what joins code points is segmented: skin tones, keycaps, flags, ZWJ, combining marks, Hangul jamo", () => {
    expect(displayWidth("👍🏽")).toBe(2);
    expect(displayWidth("1️⃣")).toBe(2);
    expect(displayWidth("🇫🇷")).toBe(2);
    expect(displayWidth("👩‍💻")).toBe(2);
    expect(displayWidth("n\u0303o")).toBe(2);
    expect(displayWidth("\u1100\u1161")).toBe(2);
    expect(cutToWidth("👍🏽👍🏽👍🏽", 5)).toBe("👍🏽👍🏽…");
  });
});
