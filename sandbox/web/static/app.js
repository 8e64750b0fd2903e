/* Travel Agent Sandbox web app: a little plain JavaScript over the JSON API (/api/...).
 * Text from runs is untrusted: it only ever reaches the page through textContent, or as HTML
 * fragments that the server rendered with autoescaping. */
"use strict";

(function () {
  // -- helpers -----------------------------------------------------------------------------
  function el(tag, cls, text) {
    const node = document.createElement(tag);
    if (cls) node.className = cls;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function money(x) {
    if (typeof x !== "number") return "—";
    return "$" + x.toLocaleString("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }

  function seconds(s) {
    return s < 60 ? s.toFixed(1) + " s" : Math.floor(s / 60) + " min " + Math.round(s % 60) + " s";
  }

  async function apiError(resp) {
    try {
      const body = await resp.json();
      const detail = body && body.detail !== undefined ? body.detail : body;
      if (typeof detail === "string") return detail;
      if (Array.isArray(detail)) {
        return detail.map((d) => (d.loc ? d.loc.join(".") + ": " : "") + (d.msg || JSON.stringify(d))).join("; ");
      }
      return JSON.stringify(detail);
    } catch (_) {
      return resp.status + " " + resp.statusText;
    }
  }

  async function postJSON(url, body) {
    return fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  }

  const STATUS_LABELS = { running: "Running", waiting: "Waiting for you", done: "Done", error: "Error" };

  // -- scenario library --------------------------------------------------------------------
  function initLibrary() {
    const form = document.getElementById("start-form");
    if (!form) return;
    const error = document.getElementById("start-error");
    const agent = form.elements.agent;
    const policy = form.elements.policy;
    const amountField = document.getElementById("policy-amount-field");
    const amount = document.getElementById("policy-amount");
    const model = form.elements.model;
    const modelHint = document.getElementById("model-hint");
    const modelHelp = modelHint.textContent;

    function sync() {
      form.querySelectorAll("select").forEach((select) => {
        const hint = form.querySelector('[data-help-for="' + select.id + '"]');
        const opt = select.options[select.selectedIndex];
        if (hint && opt) hint.textContent = opt.dataset.help || "";
      });
      const pickedPolicy = policy.options[policy.selectedIndex];
      amountField.hidden = !(pickedPolicy && pickedPolicy.dataset.amount);
      const pickedAgent = agent.options[agent.selectedIndex];
      const needsModel = !pickedAgent || pickedAgent.dataset.needsModel !== "no";
      model.disabled = !needsModel;
      modelHint.textContent = needsModel ? modelHelp : "The " + agent.value + " agent uses no model.";
    }
    form.addEventListener("change", sync);
    sync();

    const find = document.getElementById("find");
    const shown = document.getElementById("shown");
    const none = document.getElementById("none-found");
    const cards = Array.from(document.querySelectorAll(".scenario[data-search]"));
    function filter() {
      const words = find.value.toLowerCase().split(/\s+/).filter(Boolean);
      let n = 0;
      cards.forEach((card) => {
        const hit = words.every((w) => card.dataset.search.includes(w));
        card.hidden = !hit;
        if (hit) n += 1;
      });
      shown.textContent = n === cards.length ? cards.length + " scenarios" : n + " of " + cards.length + " scenarios";
      none.hidden = n > 0;
    }
    find.addEventListener("input", filter);
    document.getElementById("clear-find").addEventListener("click", () => {
      find.value = "";
      filter();
      find.focus();
    });

    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = event.submitter;
      if (!button || !button.value) return;
      const body = { scenario: button.value, agent: agent.value, human: form.elements.human.value };
      const profile = form.elements.model_profile ? form.elements.model_profile.value : "";
      if (profile) body.model_profile = profile; // the profile sets the model
      else if (!model.disabled && model.value.trim()) body.model = model.value.trim();
      if (form.elements.tool_choice && form.elements.tool_choice.value) {
        body.model_options = { tool_choice: form.elements.tool_choice.value };
      }
      if (policy.value) {
        body.policy = policy.value.includes("<amount>") ? policy.value.replace("<amount>", String(Number(amount.value) || 0)) : policy.value;
      }
      error.textContent = "";
      const label = button.textContent;
      button.disabled = true;
      button.textContent = "Starting…";
      try {
        const resp = await postJSON(form.dataset.api, body);
        if (!resp.ok) throw new Error(await apiError(resp));
        const run = await resp.json();
        window.location.assign("/runs/" + encodeURIComponent(run.id));
      } catch (err) {
        error.textContent = "Could not start the run: " + err.message;
        button.disabled = false;
        button.textContent = label;
      }
    });
  }

  // -- runs list ---------------------------------------------------------------------------
  function initRuns() {
    const form = document.getElementById("runs-form");
    if (!form) return;
    const note = document.getElementById("picked");
    const button = document.getElementById("compare-btn");
    const picked = () => Array.from(form.querySelectorAll('input[name="ids"]:checked')).map((i) => i.value);
    const update = () => {
      const n = picked().length;
      button.disabled = n < 2;
      note.textContent = n === 0 ? "Select runs to compare." : n + " selected" + (n < 2 ? " — pick one more." : ".");
    };
    form.addEventListener("change", update);
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      const ids = picked();
      if (ids.length >= 2) window.location.assign("/compare?ids=" + ids.map(encodeURIComponent).join(","));
    });
    update();
  }

  // -- run page: timeline ------------------------------------------------------------------
  function argsSummary(args) {
    if (!args || typeof args !== "object") return String(args);
    return Object.entries(args)
      .map(([k, v]) => {
        if (Array.isArray(v)) return k + " [" + v.length + "]";
        if (v && typeof v === "object") return k + " {…}";
        return k + " " + v;
      })
      .join(" · ");
  }

  function resultSummary(tool, data) {
    if (data === null || data === undefined) return "done";
    if (typeof data !== "object") return String(data);
    if (Array.isArray(data.flights)) return data.flights.length + " flight(s) found";
    if (Array.isArray(data.hotels)) return data.hotels.length + " hotel(s) found";
    if (data.booking_id) {
      const charged = typeof data.charged === "number" ? " · charged " + money(data.charged) : "";
      return (data.status || "booked") + " " + data.booking_id + charged;
    }
    if ("answer" in data) return data.answer === null ? data.note || "no answer" : "Answer: “" + data.answer + "”";
    if ("human_response" in data) return "The human replied: “" + data.human_response + "”";
    if (data.status) return "Status: " + String(data.status).replace(/_/g, " ") + (data.reason ? " — " + data.reason : "");
    const keys = Object.keys(data);
    return keys.length ? keys.slice(0, 5).join(", ") + (keys.length > 5 ? ", …" : "") : "done";
  }

  function jsonDetails(summary, value) {
    const details = el("details");
    details.appendChild(el("summary", null, summary));
    details.appendChild(el("pre", null, JSON.stringify(value, null, 2)));
    return details;
  }

  function Timeline(list) {
    this.list = list;
    this.lastSeq = -1;
    this.calls = new Map();
    this.counts = { checkpoint: 0, block: 0, tool: 0 };
  }

  Timeline.prototype.item = function (cls, mark, title, t) {
    const li = el("li", "ev " + cls);
    li.appendChild(el("span", "ev-dot", mark)).setAttribute("aria-hidden", "true");
    const head = el("div", "ev-head");
    head.appendChild(el("span", "ev-title", title));
    if (typeof t === "number") head.appendChild(el("span", "ev-time", "+" + t.toFixed(2) + " s"));
    li.appendChild(head);
    this.list.appendChild(li);
    return li;
  };

  Timeline.prototype.add = function (ev) {
    if (typeof ev.seq === "number") {
      if (ev.seq <= this.lastSeq) return false;
      this.lastSeq = ev.seq;
    }
    const d = ev.data || {};
    const t = ev.t;
    let li;
    let body;
    switch (ev.type) {
      case "run_start":
        li = this.item("ev-run", "▶", "Run started", t);
        li.appendChild(el("div", "ev-body", ["agent " + d.agent, "model " + d.model, "policy " + d.policy].join(" · ")));
        break;
      case "message":
        if (!d.content) return true;
        li = this.item("ev-message", d.role === "user" ? "T" : "A", d.role === "user" ? "The traveller" : "The agent", t);
        body = el("div", "ev-body");
        body.appendChild(el("p", "quote", d.content));
        li.appendChild(body);
        break;
      case "tool_call":
        this.counts.tool += 1;
        li = this.item("ev-tool", "ƒ", "", t);
        li.querySelector(".ev-title").appendChild(el("code", null, d.tool));
        li.appendChild(el("div", "ev-body args", argsSummary(d.args)));
        if (d.args && typeof d.args === "object" && Object.keys(d.args).length) li.appendChild(jsonDetails("arguments", d.args));
        if (d.id) this.calls.set(d.id, li);
        break;
      case "tool_result": {
        const result = d.result || {};
        const line = d.ok
          ? el("div", "ev-body ev-result-ok", "✓ " + resultSummary(d.tool, result.result))
          : el("div", "ev-body ev-result-bad", "✕ " + (result.error ? result.error.code + ": " + result.error.message : "failed"));
        const call = this.calls.get(d.id);
        if (call && call === this.list.lastElementChild) {
          if (!d.ok) call.classList.add("failed");
          call.insertBefore(line, call.querySelector("details"));
          if (d.ok && result.result && typeof result.result === "object") call.appendChild(jsonDetails("result", result.result));
          return true;
        }
        li = this.item("ev-tool" + (d.ok ? "" : " failed"), "ƒ", "", t);
        li.querySelector(".ev-title").append("Result of ", el("code", null, d.tool));
        li.appendChild(line);
        if (d.ok && result.result && typeof result.result === "object") li.appendChild(jsonDetails("result", result.result));
        break;
      }
      case "control": {
        const res = d.result || {};
        li = this.item("ev-tool" + (d.ok ? "" : " failed"), "→", "", t);
        li.querySelector(".ev-title").append("Agent signal ", el("code", null, d.tool));
        li.appendChild(el("div", "ev-body args", argsSummary(d.args)));
        if (!d.ok && res.error) li.appendChild(el("div", "ev-body ev-result-bad", "✕ " + res.error.code + ": " + res.error.message));
        break;
      }
      case "guardrail_block":
        this.counts.block += 1;
        li = this.item("ev-block", "!", d.violations ? "Guardrail blocked " + d.tool : "Override policy refused " + d.tool, t);
        body = el("div", "ev-body ev-card");
        if (Array.isArray(d.violations)) {
          d.violations.forEach((v) => {
            const p = el("div");
            p.appendChild(el("b", null, v.rule + ": "));
            p.appendChild(document.createTextNode(v.message));
            body.appendChild(p);
          });
        } else {
          body.textContent = (d.reason ? d.reason + " " : "") + (d.rule ? "(" + d.rule + ")" : "");
        }
        li.appendChild(body);
        break;
      case "checkpoint":
        this.counts.checkpoint += 1;
        li = this.item("ev-checkpoint", "?", d.kind === "question" ? "Checkpoint: a question for the traveller" : "Checkpoint: waiting for a human", t);
        li.appendChild(el("div", "ev-body", d.card && d.card.headline ? d.card.headline : d.action));
        if (d.reason || d.rule) li.appendChild(el("div", "ev-body small muted", "Why it stopped: " + (d.reason || d.rule)));
        break;
      case "decision": {
        if (d.edited_args) {
          li = this.item("ev-decision", "✎", "Arguments changed", t);
          li.appendChild(el("div", "ev-body args", argsSummary(d.edited_args)));
          break;
        }
        const verbs = { approve: "Approved", edit: "Edited", reject: "Rejected", respond: "Responded" };
        li = this.item("ev-decision", "✓", (verbs[d.decision] || d.decision) + " " + (d.tool || ""), t);
        const bits = [];
        if (typeof d.alternative === "number") bits.push("picked alternative " + (d.alternative + 1));
        if (d.args) bits.push("changed " + argsSummary(d.args));
        if (d.reason) bits.push("reason: “" + d.reason + "”");
        if (d.text) bits.push("“" + d.text + "”");
        if (typeof d.seconds === "number") bits.push(d.seconds > 0 ? "decided in " + seconds(d.seconds) : "decided at once (simulated)");
        if (bits.length) li.appendChild(el("div", "ev-body", bits.join(" · ")));
        break;
      }
      case "fault":
        li = this.item("ev-fault", "⚡", "Fault injected into " + d.tool, t);
        li.appendChild(el("div", "ev-body ev-card", d.fault));
        break;
      case "error":
        li = this.item("ev-error", "!", "Error", t);
        li.appendChild(el("div", "ev-body ev-card", d.reason || JSON.stringify(d)));
        if (d.traceback) li.appendChild(jsonDetails("traceback", d.traceback));
        break;
      case "run_end": {
        li = this.item("ev-run", "■", "Run finished", t);
        const bits = [d.status];
        if (typeof d.overall === "number") bits.push("overall " + d.overall.toFixed(2));
        if (typeof d.passed === "boolean") bits.push(d.passed ? "passed" : "failed");
        li.appendChild(el("div", "ev-body", bits.join(" · ")));
        break;
      }
      default:
        li = this.item("", "·", ev.type, t);
        li.appendChild(jsonDetails("data", d));
    }
    return true;
  };

  // -- run page: live updates (the checkpoint cards are checkpoints.js) ----------------------
  function initRun() {
    const root = document.getElementById("run");
    if (!root) return;
    const api = root.dataset.api;
    const badge = document.getElementById("run-status");
    const checkpoints = window.CheckpointCards(document.getElementById("checkpoints"), {
      badge,
      announcer: document.getElementById("cp-announce"),
      postJSON,
      apiError,
      onDecided: () => setStatus("running"),
      onUndone: () => setStatus("waiting"),
    });
    const scoreSlot = document.getElementById("scorecard-slot");
    const timeline = new Timeline(document.getElementById("timeline"));
    let status = root.dataset.status;
    let source = null;
    let finished = false;
    const live = status === "running" || status === "waiting";

    function setStatus(next) {
      status = next;
      root.dataset.status = next;
      badge.className = "badge badge-" + next;
      badge.textContent = STATUS_LABELS[next] || next;
    }

    function showFacts(run) {
      const set = (id, text) => {
        const node = document.getElementById(id);
        if (node) node.textContent = text;
      };
      set("fact-spend", money(run.spend) + (typeof run.budget === "number" ? " of " + money(run.budget) : ""));
      set("fact-checkpoint", String(run.interrupts));
      set("fact-block", String(run.guardrail_blocks));
      set("fact-harm", (run.harm_attempted || 0) + " (guardrails " + (run.caught_by_guardrail || 0) +
        " · human " + (run.caught_by_human || 0) + " · reached the world " + (run.reached_world || 0) + ")");
      set("fact-tool", String(run.tool_calls));
      set("fact-model", String(run.model_calls));
      if (typeof run.duration_s === "number") set("fact-duration", run.duration_s.toFixed(1) + " s");
      if (typeof run.human_seconds === "number") set("fact-human", seconds(run.human_seconds));
    }

    function updateFacts() {
      if (!live) return;
      Object.entries(timeline.counts).forEach(([k, v]) => {
        const node = document.getElementById("fact-" + k);
        if (node) node.textContent = String(v);
      });
    }

    async function loadFragment(slot) {
      const resp = await fetch(slot.dataset.fragment, { headers: { Accept: "text/html" } });
      if (resp.ok) slot.innerHTML = await resp.text();
    }

    async function finish() {
      if (finished) return;
      finished = true;
      if (source) source.close();
      document.getElementById("timeline-note").textContent = "Every step of the run, in order.";
      try {
        const run = await (await fetch(api)).json();
        setStatus(run.status);
        showFacts(run);
      } catch (_) {
        /* keep the last status */
      }
      checkpoints.clear();
      await loadFragment(scoreSlot);
    }

    function onEvent(ev) {
      if (!timeline.add(ev)) return;
      updateFacts();
      if (ev.type === "checkpoint") {
        setStatus("waiting");
        checkpoints.refresh();
      } else if (ev.type === "decision" && !ev.data.edited_args) {
        if (status === "waiting") setStatus("running");
        checkpoints.refresh();
      } else if (ev.type === "run_end" || (ev.type === "error" && status !== "done")) {
        finish();
      }
    }

    function listen() {
      source = new EventSource(api + "/events");
      const handle = (msg) => {
        let ev;
        try {
          ev = JSON.parse(msg.data);
        } catch (_) {
          return;
        }
        if (ev && ev.type) onEvent(ev);
      };
      source.onmessage = handle;
      ["run_start", "message", "tool_call", "tool_result", "control", "guardrail_block", "checkpoint", "decision", "fault", "error", "run_end"].forEach((name) =>
        source.addEventListener(name, handle)
      );
      ["end", "done", "close"].forEach((name) => source.addEventListener(name, () => finish()));
      source.onerror = async () => {
        // The stream ended or dropped: ask the run itself whether it is over.
        try {
          const run = await (await fetch(api)).json();
          if (run.status === "done" || run.status === "error") {
            (run.trace || []).forEach(onEvent);
            finish();
          }
        } catch (_) {
          /* EventSource retries by itself */
        }
      };
    }

    async function start() {
      try {
        const run = await (await fetch(api)).json();
        (run.trace || []).forEach((ev) => timeline.add(ev));
        updateFacts();
        if (run.status && run.status !== status) setStatus(run.status);
        if (run.status === "running" || run.status === "waiting") {
          if (run.status === "waiting" && !document.querySelector("#checkpoints form[data-checkpoint]")) checkpoints.refresh();
          listen();
        } else if (live) {
          finish();
        }
      } catch (err) {
        timeline.list.appendChild(el("li", "ev ev-error", "Could not load the run: " + err.message));
      }
    }

    start();
  }

  document.addEventListener("DOMContentLoaded", () => {
    const page = document.body.dataset.page;
    if (page === "library") initLibrary();
    if (page === "runs") initRuns();
    if (page === "run") initRun();
  });
})();
