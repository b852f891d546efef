// Run after tsup: writes the three host manifests (identical, from the one TypeBox config schema, so
// they never drift) and copies SKILL.md into skills/claude-code-wingman/ for the manifest to ship.
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const pkg = JSON.parse(readFileSync(join(root, "package.json"), "utf8"));
const { configJsonSchema, PLUGIN_ID } = await import(join(root, "dist", "index.js"));
const { TOOL_NAMES } = await import(join(root, "dist", "index.js"));
if (PLUGIN_ID !== pkg.name) throw new Error(`manifest id ${PLUGIN_ID} must equal the package name ${pkg.name}`);

const manifest = {
  id: pkg.name,
  name: "Claude Code Wingman",
  description: pkg.description,
  version: pkg.version,
  configSchema: configJsonSchema,
  uiHints: {
    "notify.targets": { label: "Where notifications go (channel:id)", placeholder: "telegram:123456789" },
    "notify.to": { label: "WhatsApp number for notifications", placeholder: "+15551234567" },
    approvers: { label: "Who else may answer prompts" },
    autoApprove: { label: "Auto-approve rules (low risk only)", advanced: true },
    stateDir: { label: "State folder", advanced: true },
  },
  skills: ["./skills"],
  contracts: { tools: [...TOOL_NAMES] },
  activation: { onStartup: true },
};
const text = `${JSON.stringify(manifest, null, 2)}\n`;
for (const f of ["clawdbot.plugin.json", "moltbot.plugin.json", "openclaw.plugin.json"])
  writeFileSync(join(root, f), text);
mkdirSync(join(root, "skills", "claude-code-wingman"), { recursive: true });
copyFileSync(join(root, "SKILL.md"), join(root, "skills", "claude-code-wingman", "SKILL.md"));
console.log(
  `manifests written (${Object.keys(configJsonSchema.properties ?? {}).length} config keys, ${TOOL_NAMES.length} tools)`,
);
