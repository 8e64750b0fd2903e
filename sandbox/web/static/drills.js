/* The drill pages: make a drill, and grade a run (PUT /api/drills/ID/grades/RUN), then move on.
 * A verdict is sent only by its own button (the form's first submit button is disabled, so Enter in a
 * field never sends one; the reason is a textarea, where Enter is a new line). */
"use strict";

(function () {
  async function problem(resp) {
    try {
      const body = await resp.json();
      const d = body && body.detail !== undefined ? body.detail : body;
      if (typeof d === "string") return d;
      if (Array.isArray(d)) return d.map((e) => (e.loc ? e.loc.slice(1).join(".") + ": " : "") + e.msg).join("; ");
      return JSON.stringify(d);
    } catch (_) {
      return resp.status + " " + resp.statusText;
    }
  }

  function send(url, method, body) {
    return fetch(url, {
      method: method,
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    });
  }

  function initNew() {
    const form = document.getElementById("new-drill");
    if (!form) return;
    const error = document.getElementById("new-error");
    const status = document.getElementById("new-status");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = form.querySelector('button[type="submit"]');
      const body = {
        n: Number(form.elements.n.value),
        seed: Number(form.elements.seed.value),
        difficulty: form.elements.difficulty.value,
      };
      error.textContent = "";
      button.disabled = true;
      status.textContent = "Making the drill: running " + body.n + " runs, this takes a while…";
      try {
        const resp = await send("/api/drills", "POST", body);
        if (!resp.ok) {
          error.textContent = await problem(resp);
          status.textContent = "";
          return;
        }
        let job = await resp.json();
        while (job.status === "running") {
          await new Promise((done) => setTimeout(done, 1000));
          const poll = await fetch("/api/drills/jobs/" + encodeURIComponent(job.job), { headers: { Accept: "application/json" } });
          if (!poll.ok) {
            error.textContent = await problem(poll);
            status.textContent = "";
            return;
          }
          job = await poll.json();
        }
        if (job.status !== "done") {
          error.textContent = job.error || "The drill could not be made.";
          status.textContent = "";
          return;
        }
        window.location.assign("/drills/" + encodeURIComponent(job.drill));
      } catch (exc) {
        error.textContent = "Could not reach the server: " + exc;
        status.textContent = "";
      } finally {
        button.disabled = false;
      }
    });
  }

  function initGrade() {
    const form = document.getElementById("grade-form");
    if (!form) return;
    const error = document.getElementById("grade-error");
    const status = document.getElementById("grade-status");
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      const button = event.submitter;
      const verdict = button && !button.disabled ? button.value : "";
      if (verdict !== "pass" && verdict !== "fail") return; // implicit submission decides nothing
      error.textContent = "";
      const buttons = form.querySelectorAll("button[value]");
      buttons.forEach((b) => (b.disabled = true));
      try {
        const resp = await send(form.dataset.api, "PUT", { verdict: verdict, reason: form.elements.reason.value });
        if (!resp.ok) {
          error.textContent = await problem(resp);
          return;
        }
        status.textContent = "Saved: " + verdict + ".";
        window.location.assign(form.dataset.next);
      } catch (exc) {
        error.textContent = "Could not reach the server: " + exc;
      } finally {
        buttons.forEach((b) => (b.disabled = false));
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => {
    initNew();
    initGrade();
  });
})();
