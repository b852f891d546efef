// The words for a session's git work (changes, one file's patch, merge, pr, kill … clean), from the facts the
// core returns (api/workspaces.ts). A phone gets one summary line, at most ten files and a patch cut at 60
// lines; a terminal gets every file and the whole patch. Every path and patch is redacted again here.
import type { ChangesSummary } from "../api/notify.js";
import { redactSecrets } from "../api/redact.js";
import type {
  ChangedFile,
  ChangesFacts,
  CleanFacts,
  FileStatus,
  GitRefusal,
  GitRefusalFacts,
  MergeFacts,
  PatchFacts,
  PrFacts,
} from "../api/workspaces.js";
import type { RefusalFacts } from "../api/outcomes.js";
import { describeRefusal, refusalText } from "./outcomes.js";
import type { Style } from "./states.js";

type GitVerb = "changes" | "merge" | "pr" | "clean";

/** Files listed on a phone before "… and N more". */
export const PHONE_FILES = 10;
/** Patch lines shown on a phone. */
export const PHONE_PATCH_LINES = 60;

const MARK: Record<FileStatus, string> = { added: "A", modified: "M", deleted: "D", renamed: "R" };

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

function counts(f: { added: number | null; removed: number | null }): string {
  return f.added === null || f.removed === null ? "binary" : `+${f.added} −${f.removed}`;
}

function shortCommit(c: string | null | undefined): string {
  return c ? c.slice(0, 12) : "";
}

/** A base that is a bare commit shows as its short hash. */
function refName(ref: string): string {
  return /^[0-9a-f]{40,64}$/.test(ref) ? ref.slice(0, 12) : ref;
}

/** `3 files +120 −8 on wingman/api-fix`: the "finished" notification's line, and the summary's start. */
export function changesLine(c: Pick<ChangesFacts, "files" | "branch" | "uncommitted">): string {
  const added = c.files.reduce((n, f) => n + (f.added ?? 0), 0);
  const removed = c.files.reduce((n, f) => n + (f.removed ?? 0), 0);
  const loose = c.uncommitted.length ? ` · ${c.uncommitted.length} uncommitted` : "";
  return `${plural(c.files.length, "file")} +${added} −${removed} on ${c.branch}${loose}`;
}

/** The same line from the numbers a notification carries. */
export function changesSummaryLine(c: ChangesSummary): string {
  return `${plural(c.files, "file")} +${c.added} −${c.removed} on ${c.branch}${c.uncommitted ? ` · ${c.uncommitted} uncommitted` : ""}`;
}

function fileLine(f: ChangedFile): string {
  const path = redactSecrets(f.oldPath ? `${f.oldPath} → ${f.path}` : f.path);
  return `${MARK[f.status]} ${path} ${counts(f)}`;
}

export function describeChanges(c: ChangesFacts, o: { style: Style; prefix?: string }): string {
  const p = o.prefix ?? "";
  const max = o.style === "chat" ? PHONE_FILES : Number.POSITIVE_INFINITY;
  const head = `${c.session}: ${changesLine(c)} · ${c.ahead} ahead, ${c.behind} behind ${refName(c.base)}`;
  const lines = [o.style === "chat" ? `*${head.replace(`${c.session}:`, `${c.session}*:`)}` : head];
  const shown = c.files.slice(0, max);
  for (const f of shown) lines.push(fileLine(f));
  if (c.files.length > shown.length) lines.push(`… and ${c.files.length - shown.length} more`);
  if (c.uncommitted.length) {
    lines.push("Uncommitted:");
    const room = Math.max(0, max - shown.length);
    const loose = c.uncommitted.slice(0, o.style === "chat" ? Math.max(room, 3) : undefined);
    for (const u of loose) lines.push(`${MARK[u.status]} ${redactSecrets(u.path)}`);
    if (c.uncommitted.length > loose.length) lines.push(`… and ${c.uncommitted.length - loose.length} more`);
  }
  if (!c.files.length && !c.uncommitted.length) lines.push("No changes yet.");
  const first = c.files[0]?.path ?? c.uncommitted[0]?.path;
  const next = [
    first ? `${p}changes ${c.session} ${first.includes(" ") ? `"${first}"` : first}` : "",
    c.files.length || c.uncommitted.length ? `${p}merge ${c.session}${c.uncommitted.length ? " commit" : ""}` : "",
  ].filter(Boolean);
  if (next.length) lines.push(`Next: ${next.join(" · ")}`);
  return lines.join("\n");
}

export function describePatch(f: PatchFacts, o: { style: Style }): string {
  const head = `${f.session}: ${redactSecrets(f.path)} on ${f.branch}`;
  if (f.binary && !f.patch.includes("\n@@")) return `${head}\n(binary file: no text to show)`;
  const all = redactSecrets(f.patch).split("\n");
  if (o.style !== "chat") return `${head}\n${all.join("\n")}`;
  const shown = all.slice(0, PHONE_PATCH_LINES);
  const cut =
    all.length > shown.length
      ? `\n… ${all.length - shown.length} more lines (the web page or \`wingman changes ${f.session} FILE\` shows all)`
      : "";
  return `*${head}*\n\`\`\`\n${shown.join("\n")}\n\`\`\`${cut}`;
}

export function describeMerge(code: "merged" | "up_to_date", m: MergeFacts): string {
  const committed = m.committed ? ` (first committed its uncommitted work as ${shortCommit(m.committed)})` : "";
  if (code === "up_to_date")
    return `${m.session}: nothing to merge, ${m.base} already has everything on ${m.branch}${committed}`;
  const how =
    m.mode === "merge"
      ? "merged"
      : m.mode === "squash"
        ? "squashed"
        : m.mode === "rebase"
          ? "rebased and fast-forwarded"
          : "fast-forwarded";
  return `🔀 ${m.session}: ${m.branch} ${how} into ${m.base} in ${m.repo} → ${shortCommit(m.mergedCommit)} · ${plural(m.commits, "commit")}, ${plural(m.files, "file")} +${m.added} −${m.removed}${committed}\nNext: kill ${m.session} clean`;
}

export function describePr(f: PrFacts): string {
  const pushed = `⬆ ${f.session}: ${f.branch} pushed to ${f.remote}${f.committed ? ` (first committed its uncommitted work as ${shortCommit(f.committed)})` : ""}`;
  if (f.gh === "used" && f.prUrl) return `${pushed}\nPull request: ${f.prUrl}`;
  const why =
    f.gh === "missing"
      ? "gh is not installed"
      : f.gh === "logged_out"
        ? "gh is not logged in (gh auth login)"
        : `gh failed: ${f.ghError ?? "no address printed"}`;
  return `${pushed}\nNo pull request opened (${why}). ${f.compareUrl ? `Open one: ${f.compareUrl}` : `Open one for branch ${f.branch} against ${refName(f.base)}.`}`;
}

export function describeClean(f: CleanFacts): string {
  const lines = [
    `🧹 ${f.session}: worktree ${f.path} removed${f.branchDeleted ? `, branch ${f.branch} deleted (merged)` : `, branch ${f.branch} kept`}`,
  ];
  if (f.keptCommits) lines.push(`${plural(f.keptCommits, "unmerged commit")} stay on ${f.branch}`);
  if (f.lostFiles?.length)
    lines.push(
      `Thrown away: ${plural(f.lostFiles.length, "uncommitted file")} (${f.lostFiles.slice(0, 5).map(redactSecrets).join(", ")}${f.lostFiles.length > 5 ? ", …" : ""})`,
    );
  return lines.join("\n");
}

function fileList(files: string[] | undefined, max = 5): string {
  if (!files?.length) return "";
  return `${files.slice(0, max).map(redactSecrets).join(", ")}${files.length > max ? `, and ${files.length - max} more` : ""}`;
}

/** A refusal of changes, merge, pr or clean, without its mark (the CLI's stderr): what stood in the way and the next command to try. */
export function gitRefusalText(verb: GitVerb, f: GitRefusal, prefix = ""): string {
  if (!("session" in f) || (!GIT_CASES.has(f.why) && f.why !== "no_session")) return refusalText(f as RefusalFacts);
  const s = f.session;
  const p = prefix;
  switch (f.why) {
    case "no_session":
      return `no session ${s}: ${p}status lists sessions`;
    case "no_worktree":
      return `${s} has no worktree of its own (it works in its folder directly), so there is no branch to ${verb === "changes" ? "show" : verb === "clean" ? "remove" : verb}`;
    case "worktree_gone":
      return `${s}'s ${f.detail === "branch" ? `branch ${f.branch ?? ""}` : "worktree"} is gone (removed outside Wingman)`;
    case "not_at_rest":
      return `${s} is ${f.detail ?? "busy"}: ${verb} waits until it is idle (status ${s})`;
    case "uncommitted":
      return `${s} has ${plural(f.files?.length ?? 0, "uncommitted file")} (${fileList(f.files)}): ${p}${verb} ${s} commit commits them first${verb === "merge" ? `, ${p}merge ${s} confirm leaves them out` : ""}`;
    case "not_on_base":
      return `the main checkout is on ${f.detail ?? "another branch"}, not ${f.base}: switch it to ${f.base} first, then ${p}merge ${s}`;
    case "main_dirty":
      return `the main checkout has uncommitted changes (${fileList(f.files)}): commit or stash them, then ${p}merge ${s}`;
    case "base_not_branch":
      return `${s} was made from commit ${refName(f.base ?? "")}, not a branch: nothing to merge into (${p}pr ${s}, or merge ${f.branch} by hand)`;
    case "main_in_use":
      return `session ${f.other} works in the main checkout: merge when it is done (or kill ${f.other})`;
    case "conflict":
      return f.files?.length
        ? `${s}: ${f.branch} conflicts with ${f.base} in ${fileList(f.files, 10)}; the merge was aborted, nothing changed. Try: tell ${s} merge ${f.base} into your branch and resolve the conflicts`
        : `${s}: ${f.detail ?? "cannot be fast-forwarded"}; nothing changed (${p}merge ${s} for a merge commit)`;
    case "not_listed":
      return `${f.detail ?? "that file"} is not among ${s}'s changes${f.files?.length ? `: ${fileList(f.files, 10)}` : ""}`;
    case "no_remote":
      return `${f.base} has no upstream remote and there is no origin: add one (git remote add origin URL), then ${p}pr ${s}`;
    case "push_rejected":
      return `the remote refused ${f.branch} (it has commits this branch lacks); nothing was forced: ${f.detail ?? ""}`.trim();
    case "unmerged": {
      const what = [
        f.unmergedCommits ? `${plural(f.unmergedCommits, "unmerged commit")} on ${f.branch} (the branch is kept)` : "",
        f.files?.length
          ? `${plural(f.files.length, "uncommitted file")} (${fileList(f.files)}), which would be lost`
          : "",
      ].filter(Boolean);
      return `${s}'s worktree has ${what.join(" and ")}: ${p}kill ${s} clean confirm removes it anyway, ${p}merge ${s} lands it first`;
    }
    case "git_failed":
      return `${s}: git failed: ${f.detail ?? "no message"}`;
    default:
      return refusalText(f);
  }
}

/** The git cases (api/workspaces.ts GitRefusalFacts); every other refusal is worded by format/outcomes.ts. */
const GIT_CASES: ReadonlySet<string> = new Set<GitRefusalFacts["why"]>([
  "no_worktree",
  "worktree_gone",
  "not_at_rest",
  "uncommitted",
  "not_on_base",
  "main_dirty",
  "base_not_branch",
  "main_in_use",
  "conflict",
  "not_listed",
  "no_remote",
  "push_rejected",
  "unmerged",
  "git_failed",
]);

/** A refusal of changes, merge, pr or clean as chat shows it (`✗ …`). */
export function describeGitRefusal(verb: GitVerb, f: GitRefusal, prefix = ""): string {
  return GIT_CASES.has(f.why) || f.why === "no_session"
    ? `✗ ${gitRefusalText(verb, f, prefix)}`
    : describeRefusal(f as RefusalFacts);
}
