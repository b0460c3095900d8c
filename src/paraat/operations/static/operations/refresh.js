// Refresh the operational picture every 30 seconds without reloading the page.
// Without JavaScript the "Refresh now" link does the same.
(function () {
  "use strict";
  var box = document.getElementById("picture");
  if (!box || !window.fetch) return;
  var url = box.getAttribute("data-refresh-url");
  if (!url) return; // a closed incident: the picture no longer changes
  function refresh() {
    if (document.hidden) return;
    fetch(url, { credentials: "same-origin", headers: { "X-Requested-With": "fetch" } })
      .then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
      .then(function (html) { box.innerHTML = html; })
      .catch(function () { /* keep the last picture; the next tick tries again */ });
  }
  setInterval(refresh, 30000);
})();
