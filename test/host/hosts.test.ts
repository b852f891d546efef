// The real-host tests, as one vitest file: the three suites run one after another in one worker, while the other
// worker runs the rest of the suite. A gateway's start is CPU-bound, so two at once would only slow both; as one
// file they cannot overlap, and they no longer wait for the whole rest of the suite (docs/testing.md, "Time").
// One suite alone: `npx vitest run test/host -t "openclaw 2026.9.6 over its own Telegram"` (its describe's name).
// Left out only by WINGMAN_SKIP_HOST_TESTS=1 (vitest.config.ts).
import "./openclaw.suite.js";
import "./openclaw-telegram.suite.js";
import "./clawdbot.suite.js";
