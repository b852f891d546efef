// Wingman's page. Everything the server sends is data; this script builds the page with createElement and
// textContent only (never innerHTML, never a URL or style from data except `#rrggbb` colours checked below),
// so a screen or a name that contains markup shows as text. Live updates come over server-sent events.
// The token comes once in the address (`?token=…`): it is moved to sessionStorage (this tab only) and taken
// out of the address at once, and no URL this page makes ever carries it again, so a reload, the history,
// a bookmark or a shared screen does not show it.
const token = (() => {
  const KEY = "wingman-token";
  const url = new URL(location.href);
  const given = url.searchParams.get("token");
  if (given !== null) {
    url.searchParams.delete("token");
    history.replaceState(history.state, "", `${url.pathname}${url.search}${url.hash}`);
    try {
      sessionStorage.setItem(KEY, given);
    } catch {
      // Storage refused (a private window's policy): the token lives in this page only; a reload asks for the URL again.
    }
    return given;
  }
  try {
    return sessionStorage.getItem(KEY) || "";
  } catch {
    return "";
  }
})();
const $ = (id) => document.getElementById(id);

/** An element with a class and text; children appended as given. */
function el(tag, cls, text, ...children) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  for (const c of children) if (c) e.append(c);
  return e;
}

function ago(iso, now) {
  const t = Date.parse(iso);
  if (!Number.isFinite(t)) return "unknown";
  let s = Math.max(0, Math.round((now - t) / 1000));
  if (s < 60) return `${s}s ago`;
  let m = Math.floor(s / 60);
  if (m < 60) return `${m}m ago`;
  const h = Math.floor(m / 60);
  m %= 60;
  if (h < 24) return m ? `${h}h ${m}m ago` : `${h}h ago`;
  s = Math.floor(h / 24);
  return `${s}d ${h % 24}h ago`;
}

function shortPath(p) {
  return p.length > 40 ? `…${p.slice(-39)}` : p;
}

let status = null;
let selected = decodeURIComponent(location.hash.slice(1)) || null;
let source = null;
let promptKey = "";

// ---------------------------------------------------------------- the overview

function testsText(v) {
  const t = v.progress?.tests;
  if (!t) return "";
  return `${t.passed}/${t.total} tests passing${t.failed ? `, ${t.failed} failing` : ""}`;
}

/** Tokens, money, model and context as last read from the agent's own record (docs/usage.md). */
function usageText(v) {
  const u = v.usage;
  if (!u) return "";
  const k = (n) => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(1)}k` : String(n));
  const bits = [`in ${k(u.inputTokens)}`, `out ${k(u.outputTokens)}`];
  if (u.cacheReadTokens || u.cacheWriteTokens)
    bits.push(`cache ${k(u.cacheReadTokens)}${u.cacheWriteTokens !== null ? ` / ${k(u.cacheWriteTokens)}` : ""}`);
  bits.push(u.costUsd === null ? "no price" : `$${u.costUsd.toFixed(2)}`);
  if (u.model) bits.push(u.model);
  if (u.contextUsedPct !== null) bits.push(`context ${u.contextUsedPct}%`);
  return bits.join(" · ");
}

function pendingText(p) {
  const what = p.tool ? `${p.tool}(${p.detail || ""})` : p.question || p.detail || "";
  return `${p.id} · ${what.length > 80 ? `${what.slice(0, 79)}…` : what}${p.risk === "high" ? " ⚠ high risk" : ""}`;
}

function renderGrid() {
  const grid = $("grid");
  const now = Date.now();
  const cards = status.sessions.map((v) => {
    const card = el("button", `card st-${v.state}`);
    card.type = "button";
    card.dataset.session = v.name;
    card.append(
      el("div", "name", v.name),
      el("div", "", null, el("span", `state st-${v.state}`, `${v.look.emoji} ${v.look.label}`)),
      el("div", "line", `${v.agent} · ${shortPath(v.workdir)}`),
      el("div", "line branch", v.worktree ? `⎇ ${v.worktree.branch}` : "⎇ (no worktree)"),
      el("div", "line", `started ${ago(v.createdAt, now)} · active ${ago(v.lastActivityAt, now)}`),
    );
    const tests = testsText(v);
    if (tests) card.append(el("div", "line", tests));
    const usage = usageText(v);
    if (usage) card.append(el("div", "line usage", usage));
    if (v.held) card.append(el("div", "pend", `💸 ${v.held.id} · held: budget spent`));
    if (v.pending) card.append(el("div", "pend", pendingText(v.pending)));
    card.addEventListener("click", () => select(v.name));
    return card;
  });
  grid.replaceChildren(...cards);
  $("totals").textContent = status.totals;
  $("empty").hidden = status.sessions.length > 0;
}

// ---------------------------------------------------------------- one session

function showResult(text, ok) {
  const r = $("result");
  r.textContent = text;
  r.className = `result ${ok ? "good" : "bad"}`;
}

async function post(verb, body) {
  const res = await fetch(`api/sessions/${encodeURIComponent(selected)}/${verb}`, {
    method: "POST",
    headers: { "Content-Type": "application/json", "X-Wingman-Token": token },
    body: JSON.stringify(body),
    credentials: "same-origin",
  });
  let data;
  try {
    data = await res.json();
  } catch {
    data = { ok: false, error: "failed", message: `HTTP ${res.status}` };
  }
  showResult(data.message || (data.ok ? "done" : data.error), !!data.ok);
  return data;
}

function renderPrompt(v) {
  const box = $("prompt");
  const p = v.pending;
  const key = p ? JSON.stringify([v.name, p.id, p.options, p.optionsPending, v.buttons]) : "";
  if (key === promptKey) return;
  promptKey = key;
  if (!p) {
    box.hidden = true;
    box.replaceChildren();
    return;
  }
  const kids = [];
  const title =
    p.kind === "trust"
      ? "Trust this folder?"
      : p.kind === "question"
        ? "Question"
        : p.tool
          ? `${p.tool} wants to run`
          : "Dialog";
  kids.push(el("div", "q", `${title} · id ${p.id}`));
  if (p.question) kids.push(el("div", "", p.question));
  if (p.detail) kids.push(el("div", "what", p.detail));
  if (p.body) kids.push(el("div", "what", p.body));
  if (p.risk === "high") kids.push(el("div", "risk", `⚠ high risk: ${(p.riskReasons || []).join(", ")}`));
  if (p.optionsPending) kids.push(el("div", "meta", "The dialog is still being drawn: its options are not shown yet."));
  else if (p.options.length) {
    const ul = el("ul");
    for (const o of p.options) {
      const li = el(
        "li",
        "",
        `${o.number !== null ? `${o.number}. ` : ""}${o.checked === undefined ? "" : o.checked ? "[x] " : "[ ] "}${o.label}`,
      );
      if (o.role === "always" && o.scope) li.append(el("span", "scope", ` → always allows: "${o.scope}"`));
      if (o.description) li.append(el("span", "meta", ` — ${o.description}`));
      ul.append(li);
    }
    kids.push(ul);
  }
  let reason = null;
  if (v.freeText) {
    reason = el("textarea");
    reason.rows = 2;
    reason.id = "prompt-text";
    reason.placeholder = p.kind === "question" ? "Your own answer" : "Reason for deny (optional): what to do instead";
    kids.push(reason);
  }
  const buttons = el("div", "buttons");
  for (const b of v.buttons) {
    const btn = el("button", b.action === "approve" ? "primary" : "", b.scope ? `${b.label}: ${b.scope}` : b.label);
    btn.type = "button";
    btn.dataset.action = b.action;
    btn.dataset.id = p.id;
    btn.addEventListener("click", () => press(btn, b, p, reason));
    buttons.append(btn);
  }
  if (p.kind === "question" && v.freeText) {
    const btn = el("button", "", "Send answer");
    btn.type = "button";
    btn.dataset.action = "answer-text";
    btn.addEventListener("click", async () => {
      if (!reason.value.trim()) return showResult("Type an answer first", false);
      btn.disabled = true;
      const r = await post("respond", { action: "answer", id: p.id, text: reason.value });
      if (!r.ok) btn.disabled = false;
    });
    buttons.append(btn);
  }
  kids.push(buttons);
  box.replaceChildren(...kids);
  box.hidden = false;
}

async function press(btn, b, p, reason) {
  // A high-risk approve takes two presses, counted by the server: the first is sent without `confirm` (the
  // server answers needs_confirm and arms this prompt), the second with it.
  const body = { action: b.action, id: p.id };
  if (b.action === "answer") body.choices = [b.choice];
  if (b.confirm && btn.dataset.armed === "1") body.confirm = true;
  if (b.action === "deny" && reason && reason.value.trim()) body.reason = reason.value;
  for (const x of btn.parentElement.querySelectorAll("button")) x.disabled = true;
  const r = await post("respond", body);
  if (!r.ok) {
    for (const x of btn.parentElement.querySelectorAll("button")) x.disabled = false;
    if (r.error === "needs_confirm" && b.action === "approve") {
      b.confirm = true;
      btn.dataset.armed = "1";
      btn.classList.add("armed");
      btn.textContent = "Press again to run it (high risk)";
      showResult(`High risk: ${(p.riskReasons || []).join(", ")}. Press again to approve.`, false);
    }
  }
}

function renderDetailHead(v) {
  $("d-name").textContent = v.name;
  const st = $("d-state");
  st.textContent = `${v.look.emoji} ${v.look.label}`;
  st.className = `state st-${v.state}`;
  const now = Date.now();
  const bits = [v.agent, v.workdir, `started ${ago(v.createdAt, now)}`, `active ${ago(v.lastActivityAt, now)}`];
  const tests = testsText(v);
  if (tests) bits.push(tests);
  const usage = usageText(v);
  if (usage) bits.push(usage);
  if (v.held) bits.push(`held by the budget: ${v.held.id} (approve to send)`);
  if (v.stateReason) bits.push(v.stateReason);
  if (v.detail) bits.push(v.detail);
  $("d-meta").textContent = bits.join(" · ");
  renderPrompt(v);
}

const COLOUR = /^#[0-9a-f]{6}$/;

function renderScreen(lines, note) {
  const pre = $("screen");
  $("screen-note").hidden = !note;
  $("screen-note").textContent = note || "";
  if (!lines) {
    pre.replaceChildren();
    return;
  }
  const frag = document.createDocumentFragment();
  lines.forEach((runs, i) => {
    for (const r of runs) {
      const span = document.createElement("span");
      span.textContent = r.t;
      if (r.c) span.className = r.c;
      if (r.fg && COLOUR.test(r.fg)) span.style.color = r.fg;
      if (r.bg && COLOUR.test(r.bg)) span.style.backgroundColor = r.bg;
      frag.append(span);
    }
    if (i < lines.length - 1) frag.append("\n");
  });
  pre.replaceChildren(frag);
}

function renderJournal(history, audit) {
  const time = (iso) => new Date(iso).toLocaleTimeString();
  $("history").replaceChildren(
    ...history.map((e) =>
      el("li", "", `${time(e.at)} ${e.event}${e.detail ? ` · ${e.detail}` : ""}${e.by ? ` · by ${e.by}` : ""}`),
    ),
  );
  $("audit").replaceChildren(
    ...audit.map((e) =>
      el(
        "li",
        "",
        `${time(e.at)} ${e.action}${e.promptId ? ` ${e.promptId}` : ""} · ${e.outcome} · ${e.channel}:${e.actor} · ${e.message}`,
      ),
    ),
  );
}

async function loadDetail(name) {
  const res = await fetch(`api/sessions/${encodeURIComponent(name)}`, { headers: { "X-Wingman-Token": token } });
  const d = await res.json();
  if (name !== selected) return;
  if (!d.ok) {
    showResult(d.message, false);
    return;
  }
  renderDetailHead(d.session);
  renderScreen(d.screen, d.screenNote);
  renderJournal(d.history, d.audit);
  void loadChanges(name, d.session);
}

/** A worktree session's whole diff, as text: each line a span whose class only colours it (+, -, @@, header). */
async function loadChanges(name, v) {
  const box = $("changes");
  box.hidden = !v.worktree;
  if (!v.worktree) return;
  const res = await fetch(`api/sessions/${encodeURIComponent(name)}/changes`, {
    headers: { "X-Wingman-Token": token },
  });
  const d = await res.json();
  if (name !== selected) return;
  if (!d.ok) {
    $("changes-summary").textContent = d.message;
    $("diff").replaceChildren();
    return;
  }
  $("changes-summary").textContent =
    `${d.summary} · ${d.changes.ahead} ahead, ${d.changes.behind} behind ${d.changes.base}${d.truncated ? " · cut at 2 MB" : ""}`;
  const frag = document.createDocumentFragment();
  for (const line of d.diff ? d.diff.split("\n") : ["(no changes yet)"]) {
    const span = document.createElement("span");
    span.textContent = `${line}\n`;
    if (line.startsWith("+++") || line.startsWith("---") || line.startsWith("diff ")) span.className = "d-file";
    else if (line.startsWith("+")) span.className = "d-add";
    else if (line.startsWith("-")) span.className = "d-del";
    else if (line.startsWith("@@")) span.className = "d-hunk";
    frag.append(span);
  }
  $("diff").replaceChildren(frag);
}

function select(name) {
  selected = name;
  promptKey = "";
  $("result").textContent = "";
  $("send-text").value = "";
  $("kill").dataset.armed = "";
  $("kill").textContent = "Kill session";
  if (name) {
    if (location.hash !== `#${encodeURIComponent(name)}`)
      history.pushState(null, "", `${location.search}#${encodeURIComponent(name)}`);
    $("overview").hidden = true;
    $("detail").hidden = false;
    $("d-name").textContent = name;
    renderScreen(null, "");
    void loadDetail(name);
  } else {
    if (location.hash) history.pushState(null, "", location.search || "./");
    $("overview").hidden = false;
    $("detail").hidden = true;
  }
  connect();
}

// ---------------------------------------------------------------- live updates

function connect() {
  if (source) source.close();
  const q = new URLSearchParams({ token });
  if (selected) q.set("session", selected);
  source = new EventSource(`api/events?${q}`);
  source.addEventListener("open", () => {
    $("conn").textContent = "live";
    $("conn").className = "conn live";
  });
  source.addEventListener("error", () => {
    $("conn").textContent = "reconnecting…";
    $("conn").className = "conn";
  });
  source.addEventListener("status", (e) => {
    status = JSON.parse(e.data);
    renderGrid();
    if (selected) {
      const v = status.sessions.find((s) => s.name === selected);
      if (v) renderDetailHead(v);
    }
  });
  source.addEventListener("screen", (e) => {
    const d = JSON.parse(e.data);
    if (d.session === selected) renderScreen(d.screen, d.screenNote);
  });
  source.addEventListener("journal", (e) => {
    const d = JSON.parse(e.data);
    renderJournal(d.history, d.audit);
  });
  source.addEventListener("notification", (e) => {
    const n = JSON.parse(e.data);
    $("notice-text").textContent = `Latest notification (${new Date(n.at).toLocaleTimeString()}):\n${n.text || n.type}`;
    $("notice").hidden = false;
  });
}

function start() {
  if (!token) {
    document.body.replaceChildren(
      el("p", "result bad", "This page needs its token: open the URL that `wingman web` (or /wm web) printed."),
    );
    return;
  }
  $("back").addEventListener("click", () => select(null));
  $("notice-close").addEventListener("click", () => {
    $("notice").hidden = true;
  });
  window.addEventListener("popstate", () => {
    const name = decodeURIComponent(location.hash.slice(1)) || null;
    if (name !== selected) select(name);
  });
  $("send").addEventListener("submit", async (e) => {
    e.preventDefault();
    const text = $("send-text").value;
    if (!text.trim()) return showResult("Type something to send first", false);
    $("send-go").disabled = true;
    const r = await post("send", { text, force: $("send-force").checked });
    $("send-go").disabled = false;
    if (r.ok) $("send-text").value = "";
  });
  const kill = $("kill");
  kill.addEventListener("click", async () => {
    // Two presses, counted by the server: the first (no confirm) arms the kill there.
    if (kill.dataset.armed !== "1") {
      const r = await post("kill", {});
      if (r.error === "needs_confirm") {
        kill.dataset.armed = "1";
        kill.textContent = `Press again to kill ${selected}`;
      }
      return;
    }
    kill.dataset.armed = "";
    kill.textContent = "Kill session";
    await post("kill", { confirm: true });
  });
  select(selected);
}

start();
