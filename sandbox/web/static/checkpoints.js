/* Checkpoint cards on the run page: deciding, the keyboard, and where focus goes after a decision.
 *
 * A card is one <form> whose first submit button is disabled (_checkpoint.html.j2), so the browser's
 * implicit submission (Enter in a field) does nothing by itself and can never approve. Here:
 * - Enter in the Reject reason or the Respond text sends that choice (an empty reply is refused), and
 *   Enter on an option or anywhere else but a button decides nothing;
 * - Escape closes an open Reject / Respond / Edit panel and gives focus back to the button that opened it;
 * - after a decision, focus moves to the next pending card itself (not onto its Approve button, so a
 *   second Enter decides nothing), or to the run status while the agent works, and the live region
 *   says what happened;
 * - cards still pending are kept as they are when the list refreshes (what was typed, where focus is);
 * - an irreversible action (data-confirm: the server's guard is "confirm") is approved in two steps:
 *   Approve opens "This cannot be undone", whose "Yes, go ahead" sends it and "Go back" (or Escape) does not;
 * - a decision the server holds in an undo window (guard "undo") comes back as a held card with a
 *   countdown and an Undo button; undoing it brings the pending card back.
 * Card text is untrusted: it arrives only as HTML fragments the server rendered with autoescaping. */
"use strict";

window.CheckpointCards = function (cards, opts) {
  const { badge, announcer, postJSON, apiError, onDecided, onUndone } = opts;
  const VERBS = { approve: "Approved", edit: "Approved with changes", reject: "Rejected", respond: "Reply sent" };
  const decided = new Set(); // decided on this page: a fragment fetched earlier never brings one back
  let asked = 0; // refreshes asked for; the newest one applied wins over answers arriving late
  let applied = 0;

  const pending = () => Array.from(cards.querySelectorAll("form[data-checkpoint]"));
  const say = (text) => {
    if (announcer) announcer.textContent = text;
  };
  const title = (card) => {
    const heading = card.querySelector("h2");
    return heading ? heading.textContent.replace(/\s+/g, " ").trim() : "a checkpoint";
  };
  // Focus is nowhere the person put it: on the page itself, or on the run status a decision left it on.
  const focusIsFree = () => !document.activeElement || document.activeElement === document.body || document.activeElement === badge;

  function focusNext(prefix) {
    const next = pending()[0];
    if (next) {
      next.focus({ preventScroll: true });
      next.scrollIntoView({ block: "nearest", behavior: "smooth" });
      say(prefix + "Next checkpoint: " + title(next));
    } else {
      badge.focus({ preventScroll: true });
      say(prefix + "The agent continues.");
    }
  }

  async function refresh() {
    const ticket = ++asked;
    let html;
    try {
      const resp = await fetch(cards.dataset.fragment, { headers: { Accept: "text/html" } });
      if (!resp.ok) return;
      html = await resp.text();
    } catch (_) {
      return;
    }
    if (ticket < applied) return;
    applied = ticket;
    const template = document.createElement("template");
    template.innerHTML = html;
    const incoming = Array.from(template.content.querySelectorAll("form[data-checkpoint]")).filter((f) => !decided.has(f.dataset.checkpoint));
    const keep = new Set(incoming.map((f) => f.dataset.checkpoint));
    const incomingHeld = Array.from(template.content.querySelectorAll("[data-held]"));
    const keepHeld = new Set(incomingHeld.map((n) => n.dataset.held));
    const hadFocus = cards.contains(document.activeElement);
    Array.from(cards.children).forEach((node) => {
      if (node.dataset.held !== undefined ? !keepHeld.has(node.dataset.held) : !keep.has(node.dataset.checkpoint)) node.remove();
    });
    const shownHeld = new Set(Array.from(cards.querySelectorAll("[data-held]")).map((n) => n.dataset.held));
    incomingHeld.filter((n) => !shownHeld.has(n.dataset.held)).forEach((n) => {
      cards.appendChild(n);
      countdown(n);
    });
    const shown = new Set(pending().map((f) => f.dataset.checkpoint));
    const fresh = incoming.filter((f) => !shown.has(f.dataset.checkpoint));
    fresh.forEach((f) => cards.appendChild(f));
    const lost = hadFocus && !cards.contains(document.activeElement);
    if (lost || (fresh.length && focusIsFree())) focusNext("");
  }

  function clear() {
    const hadFocus = cards.contains(document.activeElement);
    cards.replaceChildren();
    if (hadFocus) badge.focus({ preventScroll: true });
  }

  function closePanels(form) {
    form.querySelectorAll(".cp-buttons button[aria-controls]").forEach((b) => {
      b.setAttribute("aria-expanded", "false");
      document.getElementById(b.getAttribute("aria-controls")).hidden = true;
    });
  }

  // -- the second confirmation of an irreversible action -------------------------------------
  function askConfirm(form, button) {
    const panel = form.querySelector(".cp-confirm");
    closePanels(form);
    form._asking = button;
    panel.hidden = false;
    // focus the question itself, not its "Yes": a second Enter must not confirm by itself
    panel.focus();
    say("This cannot be undone. Yes, go ahead, or go back.");
  }

  function cancelConfirm(form) {
    const panel = form.querySelector(".cp-confirm");
    if (!panel || panel.hidden) return false;
    panel.hidden = true;
    const back = form._asking;
    form._asking = null;
    if (back) back.focus();
    return true;
  }

  // -- a decision held in its undo window -------------------------------------------------------
  function countdown(node) {
    const until = Date.parse(node.dataset.until);
    const label = node.querySelector("[data-countdown]");
    if (!label || Number.isNaN(until)) return;
    const tick = () => {
      const left = Math.ceil((until - Date.now()) / 1000);
      if (!node.isConnected) return clearInterval(timer);
      if (left > 0) {
        label.textContent = "in " + left + " s";
      } else {
        label.textContent = "now";
        clearInterval(timer);
        setTimeout(refresh, 700);
      }
    };
    const timer = setInterval(tick, 1000);
    tick();
  }

  async function undo(node, button) {
    const error = node.querySelector("[data-error]");
    button.disabled = true;
    const url = "/api/runs/" + encodeURIComponent(node.dataset.run) + "/checkpoints/" + encodeURIComponent(node.dataset.held) + "/undo";
    try {
      const resp = await postJSON(url, {});
      if (resp.status === 409) throw new Error("Too late: the decision has already been sent.");
      if (!resp.ok) throw new Error(await apiError(resp));
    } catch (err) {
      error.textContent = err.message;
      button.disabled = false;
      return;
    }
    decided.delete(node.dataset.held);
    node.remove();
    if (onUndone) onUndone();
    say("Undone: nothing was sent. The checkpoint waits for you again.");
    await refresh();
  }

  cards.querySelectorAll("[data-held]").forEach(countdown);

  cards.addEventListener("click", (event) => {
    const undoButton = event.target.closest("[data-held] [data-undo]");
    if (undoButton) {
      undo(undoButton.closest("[data-held]"), undoButton);
      return;
    }
    const confirmed = event.target.closest("[data-confirmed]");
    if (confirmed) {
      const form = confirmed.closest("form");
      const button = form._asking;
      form.querySelector(".cp-confirm").hidden = true;
      form._asking = null;
      form._confirmed = true;
      if (button) form.requestSubmit(button);
      return;
    }
    const back = event.target.closest("[data-cancel-confirm]");
    if (back) {
      cancelConfirm(back.closest("form"));
      return;
    }
    const toggle = event.target.closest(".cp-buttons button[aria-controls]");
    if (!toggle) return;
    const panel = document.getElementById(toggle.getAttribute("aria-controls"));
    const open = toggle.getAttribute("aria-expanded") !== "true";
    closePanels(toggle.form);
    toggle.setAttribute("aria-expanded", String(open));
    panel.hidden = !open;
    if (open) {
      const input = panel.querySelector("input, textarea");
      if (input) input.focus();
    }
  });

  cards.addEventListener("keydown", (event) => {
    if (event.isComposing) return;
    const form = event.target.closest("form[data-checkpoint]");
    if (!form) return;
    if (event.key === "Escape") {
      if (cancelConfirm(form)) {
        event.preventDefault();
        return;
      }
      const toggle = form.querySelector('.cp-buttons button[aria-expanded="true"]');
      if (!toggle) return;
      event.preventDefault();
      closePanels(form);
      toggle.focus();
    } else if (event.key === "Enter" && event.target.matches("input")) {
      // Left alone, Enter in an input submits the form: in a text field with its first button (the
      // disabled one), but on an option Chromium presses the first enabled one, Approve. So an
      // input never submits by itself; in a Reject or Respond panel it sends that panel's choice.
      event.preventDefault();
      const panel = event.target.closest(".cp-extra");
      const send = panel && panel.querySelector('button[type="submit"]');
      if (send && !send.disabled) form.requestSubmit(send);
    }
  });

  cards.addEventListener("change", (event) => {
    if (event.target.name !== "alternative") return;
    const approve = event.target.form.querySelector("[data-approve]");
    if (!approve) return;
    approve.textContent = event.target.value === "" ? approve.dataset.label : "Approve " + event.target.dataset.title.toLowerCase();
  });

  function decisionBody(form, decision, button) {
    const field = (name) => {
      const panel = button.closest(".cp-extra");
      const node = (panel && panel.querySelector('[name="' + name + '"]')) || form.querySelector('[name="' + name + '"]');
      return node ? node.value.trim() : "";
    };
    const body = { decision };
    if (decision === "approve") {
      const picked = form.querySelector('input[name="alternative"]:checked');
      return picked && picked.value !== "" ? { decision: "edit", alternative: Number(picked.value) } : body;
    }
    if (decision === "reject") {
      const reason = field("reason") || (form.dataset.kind === "question" ? "The traveller chose not to answer." : "");
      if (reason) body.reason = reason;
    } else if (decision === "respond") {
      body.text = field("text");
      if (!body.text) throw new Error("Write a reply first.");
    } else if (decision === "edit") {
      try {
        body.args = JSON.parse(field("args") || "{}");
      } catch (err) {
        throw new Error("The arguments are not valid JSON: " + err.message);
      }
    }
    return body;
  }

  cards.addEventListener("submit", async (event) => {
    event.preventDefault();
    const form = event.target;
    const button = event.submitter;
    // Only a button naming its choice decides; nothing ever falls back to approving.
    if (!form.dataset.checkpoint || !button || !button.value) return;
    const lets = button.value === "approve" || button.value === "edit";
    if (form.hasAttribute("data-confirm") && lets && !form._confirmed) {
      askConfirm(form, button);
      return;
    }
    form._confirmed = false;
    const error = form.querySelector("[data-error]");
    let body;
    try {
      body = decisionBody(form, button.value, button);
    } catch (err) {
      error.textContent = err.message;
      return;
    }
    error.textContent = "";
    const buttons = form.querySelectorAll("button:not([data-default])");
    buttons.forEach((b) => (b.disabled = true));
    const url = "/api/runs/" + encodeURIComponent(form.dataset.run) + "/checkpoints/" + encodeURIComponent(form.dataset.checkpoint) + "/decision";
    let held = false;
    try {
      const resp = await postJSON(url, body);
      if (resp.status === 409) throw new Error("This checkpoint was already decided.");
      if (!resp.ok) throw new Error(await apiError(resp));
      held = (await resp.json()).status === "held";
    } catch (err) {
      error.textContent = err.message;
      buttons.forEach((b) => (b.disabled = false));
      if (focusIsFree()) button.focus(); // disabling the pressed button took focus away
      return;
    }
    decided.add(form.dataset.checkpoint);
    if (held) {
      // not sent yet: the held card (with its Undo) replaces this one
      form.remove();
      await refresh();
      const card = cards.querySelector("[data-held]");
      if (card) card.focus({ preventScroll: true });
      say((VERBS[body.decision] || "Decided") + ". It is sent when the undo window ends; until then you can undo it.");
      return;
    }
    const done = document.createElement("div");
    done.className = "cp-sent";
    done.textContent = "Decision sent. The agent continues…";
    form.replaceChildren(done);
    form.removeAttribute("data-checkpoint");
    form.removeAttribute("tabindex");
    onDecided();
    focusNext((VERBS[body.decision] || "Decided") + ". ");
    setTimeout(refresh, 400);
  });

  return { refresh, clear };
};
