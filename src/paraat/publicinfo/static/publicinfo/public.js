/* Optional extras; every page works without this file.
   - "Use my location": the live site asks the server (near/?lat=&lon=); the static copy picks the
     nearest postcode area from data/postcodes.json and opens its page.
   - The postcode form on the static copy opens the postcode's page directly.
   - Registers the service worker that keeps an offline copy. */
(function () {
  "use strict";
  var body = document.body;
  var near = body.getAttribute("data-near");
  var indexUrl = body.getAttribute("data-postcode-index");
  var pattern = body.getAttribute("data-postcode-page");

  function postcodePage(code) {
    return pattern.replace("CODE", code);
  }

  if (!near) {
    Array.prototype.forEach.call(document.querySelectorAll("form.lookup"), function (form) {
      form.addEventListener("submit", function (event) {
        var raw = (form.querySelector("input").value || "").toUpperCase().replace(/\s+/g, "");
        var match = /^([1-9][0-9]{3})/.exec(raw);
        if (match) {
          event.preventDefault();
          window.location.href = postcodePage(match[1]);
        }
      });
    });
  }

  var button = document.getElementById("locate");
  if (button && "geolocation" in navigator) {
    button.parentNode.hidden = false;
    var status = document.getElementById("locate-status");
    button.addEventListener("click", function () {
      status.textContent = "…";
      navigator.geolocation.getCurrentPosition(function (position) {
        var lat = position.coords.latitude.toFixed(4);
        var lon = position.coords.longitude.toFixed(4);
        if (near) {
          window.location.href = near + "?lat=" + lat + "&lon=" + lon;
          return;
        }
        fetch(indexUrl).then(function (r) { return r.json(); }).then(function (index) {
          var best = null, bestD = Infinity, k = Math.cos(lat * Math.PI / 180);
          Object.keys(index).forEach(function (code) {
            var dx = (index[code][0] - lon) * k, dy = index[code][1] - lat, d = dx * dx + dy * dy;
            if (d < bestD) { bestD = d; best = code; }
          });
          if (best) { window.location.href = postcodePage(best); }
        }).catch(function () { status.textContent = "✕"; });
      }, function () { status.textContent = "✕"; }, { timeout: 15000, maximumAge: 600000 });
    });
  }

  // The offline page, shown for a postcode page the phone never saved: nearest points first.
  var list = document.getElementById("offline-points");
  var asked = /\/postcode\/([1-9][0-9]{3})/.exec(window.location.pathname);
  if (list && asked && indexUrl) {
    fetch(indexUrl).then(function (r) { return r.json(); }).then(function (index) {
      var here = index[asked[1]];
      if (!here) { return; }
      var k = Math.cos(here[1] * Math.PI / 180);
      var items = Array.prototype.slice.call(list.children);
      items.sort(function (a, b) {
        function d(li) {
          var dx = (parseFloat(li.getAttribute("data-lon")) - here[0]) * k;
          var dy = parseFloat(li.getAttribute("data-lat")) - here[1];
          return dx * dx + dy * dy;
        }
        return d(a) - d(b);
      });
      items.forEach(function (li) { list.appendChild(li); });
      var note = document.getElementById("offline-postcode");
      note.textContent = note.getAttribute("data-template").replace("CODE", asked[1]);
      note.hidden = false;
    }).catch(function () {});
  }

  if ("serviceWorker" in navigator && window.location.protocol !== "file:") {
    navigator.serviceWorker.register(body.getAttribute("data-sw")).catch(function () {});
  }
})();
