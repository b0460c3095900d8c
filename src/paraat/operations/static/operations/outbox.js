// Offline outbox for the point lead's status form.
// The report is stored on the phone (localStorage) with the key the server made for this form,
// sent to the API, and sent again on page load and when the connection returns. The API stores
// a report once per key, so resending is always safe. Without JavaScript the form posts normally.
(function () {
  "use strict";
  var form = document.getElementById("status-form");
  if (!form || !window.fetch || !window.localStorage || !window.JSON) return;
  var api = form.getAttribute("data-api");
  var storeKey = "paraat-outbox:" + api;
  var statusBox = document.getElementById("outbox-status");

  function load() { try { return JSON.parse(localStorage.getItem(storeKey) || "[]"); } catch (e) { return []; } }
  function save(items) { localStorage.setItem(storeKey, JSON.stringify(items)); }
  function say(text, kind) {
    statusBox.hidden = false;
    statusBox.className = "nl-alert nl-alert--" + (kind || "info");
    statusBox.textContent = text;
  }
  function csrf() { var el = form.querySelector("[name=csrfmiddlewaretoken]"); return el ? el.value : ""; }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return "web-" + crypto.randomUUID();
    return "web-" + Date.now().toString(36) + "-" + Math.random().toString(36).slice(2);
  }
  function collect() {
    var data = new FormData(form);
    var report = { point: data.get("point"), idempotency_key: data.get("idempotency_key"), state: data.get("state"),
      services_available: data.getAll("services_available"), needs: data.getAll("needs"), note: data.get("note") || "",
      power_source: data.get("power_source") || "", reported_at: new Date().toISOString() };
    var visitors = data.get("visitors"); if (visitors) report.visitors = parseInt(visitors, 10);
    var fuel = (data.get("fuel_hours_left") || "").replace(",", "."); if (fuel) report.fuel_hours_left = parseFloat(fuel);
    var comms = data.get("comms_working"); if (comms === "true" || comms === "false") report.comms_working = comms === "true";
    return report;
  }
  function send(report) {
    return fetch(api, { method: "POST", credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrf() }, body: JSON.stringify(report) })
      .then(function (r) {
        if (r.status === 200 || r.status === 201) return "sent";
        if (r.status >= 400 && r.status < 500) return r.json().then(function (body) { return { error: body }; }, function () { return { error: r.status }; });
        throw new Error("server " + r.status);
      });
  }
  var flushing = false;
  function flush() {
    // One flush at a time: the browser's "online" event and a page load may both ask for one.
    if (flushing) return Promise.resolve();
    var items = load();
    if (!items.length) return Promise.resolve();
    flushing = true;
    var report = items[0];
    return send(report).then(function (result) {
      flushing = false;
      var rest = load().filter(function (r) { return r.idempotency_key !== report.idempotency_key; });
      save(rest);
      if (result === "sent") say(form.getAttribute("data-sent") || "Melding verstuurd.", "success");
      else say("Melding geweigerd: " + JSON.stringify(result.error), "error");
      return flush();
    }, function () {
      flushing = false;
      say("Geen verbinding: " + items.length + " melding(en) bewaard op deze telefoon. Ze worden verstuurd zodra er weer verbinding is.", "warning");
    });
  }
  form.addEventListener("submit", function (event) {
    if (!form.querySelector("[name=state]:checked")) return; // let the server explain what is missing
    event.preventDefault();
    var items = load();
    items.push(collect());
    save(items);
    form.querySelector("[name=idempotency_key]").value = newKey();
    flush();
  });
  window.addEventListener("online", flush);
  flush();
})();
