// The manifests' configSchema is generated from the one TypeBox schema (scripts/build-manifests.mjs).
import { ConfigSchema } from "../../config.js";

export const configJsonSchema = JSON.parse(JSON.stringify(ConfigSchema)) as Record<string, unknown>;
