// Carry out one parsed intent through the core and say the result in chat text. Shared by the /wm
// command and OpenClaw's plain-text hook, so a phrase does the same thing on every front door.
import type { Intent } from "./grammar.js";
import { helpFor, helpText } from "./grammar.js";
import type { Actor } from "../../api/types.js";
import type { Wingman } from "../../core/wingman.js";
import { formatDashboard } from "../../format/dashboard.js";
import { formatDetail } from "../../format/detail.js";
import { duration } from "../../format/time.js";

export async function runIntent(w: Wingman, intent: Intent, actor: Actor, prefix = "/wm "): Promise<string> {
  const now = new Date();
  switch (intent.verb) {
    case "status": {
      if (intent.session) {
        const views = await w.status(intent.session).catch((e: Error) => e);
        if (views instanceof Error) return `✗ ${views.message}`;
        const v = views[0]!;
        if (v.pending) await w.markShown(actor, [{ session: v.name, id: v.pending.id }]);
        return formatDetail(v, { now, style: "chat" });
      }
      const views = await w.status();
      await w.markShown(actor, views.filter((v) => v.pending).map((v) => ({ session: v.name, id: v.pending!.id })));
      return formatDashboard(views, { style: "chat", now });
    }
    case "approve":
    case "always":
    case "deny":
    case "trust":
    case "answer": {
      const r = await w.respond(
        {
          session: intent.session,
          action: intent.verb,
          id: "id" in intent ? intent.id : undefined,
          confirm: intent.verb === "approve" ? intent.confirm : undefined,
          reason: intent.verb === "deny" ? intent.reason : undefined,
          choices: intent.verb === "answer" ? (intent.choices ?? undefined) : undefined,
          text: intent.verb === "answer" ? intent.text : undefined,
        },
        actor,
      );
      return r.message;
    }
    case "tell": {
      if (!actor.authorized) return "✗ only the owner can send prompts to sessions";
      return (await w.send(intent.session, intent.text, { force: intent.force }, actor)).message;
    }
    case "spawn": {
      if (!actor.authorized) return "✗ only the owner can start sessions";
      return (await w.spawn({ session: intent.session, workdir: intent.workdir, prompt: intent.prompt }, actor)).message;
    }
    case "output": {
      const r = await w.output(intent.session, intent.lines ?? 30);
      return r.ok ? `\`\`\`\n${r.message}\n\`\`\`` : `✗ ${r.message}`;
    }
    case "kill": {
      if (!actor.authorized) return "✗ only the owner can kill sessions";
      return (await w.kill(intent.session, actor)).message;
    }
    case "history": {
      const h = await w.history(10);
      if (!h.sessions.length) return "No sessions yet.";
      return h.sessions
        .map((s) => `• ${s.name} · ${s.durationMs !== undefined ? duration(s.durationMs / 1000) : "running"} · ${s.outcome} · ${s.approvals} approvals`)
        .join("\n");
    }
    case "audit": {
      const a = await w.audit(10);
      if (!a.length) return "No answers recorded yet.";
      return a.map((e) => `• ${e.at.slice(11, 16)} ${e.session} ${e.action}${e.promptId ? ` ${e.promptId}` : ""} · ${e.outcome} · ${e.actor}`).join("\n");
    }
    case "help":
      return intent.topic ? helpFor(intent, prefix) : helpText({ prefix });
  }
}
