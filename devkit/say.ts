// The words a person reads for a core outcome (format/outcomes.ts): tests assert on what a user would see,
// and put it in failure messages, without the core writing any sentence.
import type { ActOutcome } from "../src/api/outcomes.js";
import { describeOutcome } from "../src/format/outcomes.js";

export const say = (o: ActOutcome): string => describeOutcome(o);
