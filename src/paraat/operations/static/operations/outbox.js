// Offline outbox for the point lead's status form.
// The report is stored on the phone (localStorage) with the key the server made for this form,
// sent to the API, and sent again on page load, when the connection returns and every 30 seconds
// while reports are waiting. The API stores a report once per key, so resending is always safe.
// A report leaves the outbox only when the server has stored it (200/201) or refused it for good
// (400, 404): on 401/403 (logged out), 408, 429, server errors and no connection it stays.
// After a report is put in the outbox the form starts empty again (only the chosen point stays), so
// a "closed" report never carries the services of an earlier "open" one, and the confirmation is
// moved into view and focused: the point lead sees it where he is looking, on a small phone too.
// Without JavaScript the form posts normally.
(function () {
  "use strict";
  var form = document.getElementById("status-form");
  if (!form || !window.fetch || !window.localStorage || !window.JSON) return;
  var api = form.getAttribute("data-api");
  var storeKey = "paraat-outbox:" + api;
  var statusBox = document.getElementById("outbox-status");
  var RETRY_MS = 30000;

  function load() { try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; } }
  function save(items) { localStorage.setItem(storeKey, JSON.stringify(items)); }
  var showOnNextSay = false;
  function say(text, kind) {
    statusBox.hidden = false;
    statusBox.className = "nl-alert nl-alert--" + (kind || "info");
    statusBox.textContent = text;
    if (showOnNextSay) {
      showOnNextSay = false;
      statusBox.scrollIntoView({ block: "center" });
      statusBox.focus({ preventScroll: true });
    }
  }
  function startEmpty() {
    // Cleared field by field, not form.reset(): after a refused post the page's defaults are the
    // old answers.
    Array.prototype.forEach.call(form.elements, function (el) {
      if (!el.name || el.name === "point" || el.name === "csrfmiddlewaretoken") return;
      if (el.type === "checkbox" || el.type === "radio") el.checked = false;
      else if (el.tagName === "SELECT") el.selectedIndex = 0;
      else if (el.type !== "hidden" && el.type !== "submit") el.value = "";
    });
    Array.prototype.forEach.call(form.querySelectorAll(".nl-form-error"), function (el) { el.remove(); });
    form.querySelector("[name=idempotency_key]").value = newKey();
  }
  function text(name, fallback) { return form.getAttribute("data-" + name) || fallback; }
  function csrf() { var el = form.querySelector("[name=csrfmiddlewaretoken]"); return el ? el.value : ""; }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return "web-" + crypto.randomUUID();
    return "web-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }
  function number(value) { value = (value || "").replace(",", ".").trim(); return value ? parseFloat(value) : null; }
  function collect() {
    var data = new FormData(form);
    var report = { point: data.get("point"), idempotency_key: data.get("idempotency_key"), state: data.get("state"),
      services_available: data.getAll("services_available"), needs: data.getAll("needs"), note: data.get("note") || "",
      power_source: data.get("power_source") || "", reported_at: new Date().toISOString(), channel: "web" };
    var visitors = data.get("visitors"); if (visitors) report.visitors = parseInt(visitors, 10);
    var hours = number(data.get("fuel_hours_left")); if (hours !== null) report.fuel_hours_left = hours;
    var litres = number(data.get("fuel_litres_left")); if (litres !== null) report.fuel_litres_left = litres;
    var comms = data.get("comms_working"); if (comms === "true" || comms === "false") report.comms_working = comms === "true";
    return report;
  }
  function send(report) {
    return fetch(api, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() }, body: JSON.stringify(report) })
      .then(function (r) {
        if (r.status === 200 || r.status === 201) return "sent";
        if (r.status === 400 || r.status === 404) {
          return r.json().then(function (body) { return { error: body }; }, function () { return { error: r.status }; });
        }
        throw new Error("server " + r.status); // keep it and try again later
      });
  }
  function describe(error) {
    if (typeof error !== "object") return String(error);
    return Object.keys(error).map(function (field) { return field + ": " + [].concat(error[field]).join(" "); }).join("; ");
  }
  var flushing = false;
  var timer = null;
  function schedule() {
    if (timer === null && load().length) timer = setTimeout(function () { timer = null; flush(); }, RETRY_MS);
  }
  function flush() {
    // One flush at a time: the "online" event, a page load and the timer may all ask for one.
    if (flushing) return Promise.resolve();
    var items = load();
    if (!items.length) return Promise.resolve();
    flushing = true;
    var report = items[0];
    return send(report).then(function (result) {
      flushing = false;
      save(load().filter(function (r) { return r.idempotency_key !== report.idempotency_key; }));
      if (result === "sent") say(text("sent", "Melding verstuurd."), "success");
      else say(text("refused", "Melding geweigerd") + ": " + describe(result.error), "error");
      return flush();
    }, function () {
      flushing = false;
      say(text("kept", "Geen verbinding: {n} melding(en) bewaard op deze telefoon. Ze worden verstuurd zodra er weer verbinding is.").replace("{n}", items.length), "warning");
      schedule();
    });
  }
  form.addEventListener("submit", function (event) {
    if (!form.querySelector("[name=state]:checked")) return; // let the server explain what is missing
    event.preventDefault();
    var items = load();
    items.push(collect());
    save(items);
    startEmpty();
    showOnNextSay = true;
    flush();
  });
  window.addEventListener("online", flush);
  flush();
})();
