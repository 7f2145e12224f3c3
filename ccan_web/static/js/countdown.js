// The time left until a competition opens or closes, counted in the reader's own clock. The page
// says the instant in words without this; the server, not this count, decides what is accepted.
(function () {
  "use strict";
  function show(node) {
    var end = Date.parse(node.getAttribute("data-countdown"));
    var units = (node.getAttribute("data-countdown-units") || "d h min s").split(" ");
    var left = Math.max(0, Math.floor((end - Date.now()) / 1000));
    var days = Math.floor(left / 86400), hours = Math.floor(left % 86400 / 3600);
    var minutes = Math.floor(left % 3600 / 60), seconds = left % 60;
    node.textContent = node.getAttribute("data-countdown-label") + ": " + days + " " + units[0] + " " +
      hours + " " + units[1] + " " + minutes + " " + units[2] + " " + seconds + " " + units[3];
    return left > 0;
  }
  function start() {
    var nodes = document.querySelectorAll("[data-countdown]");
    nodes.forEach(function (node) {
      if (!show(node)) { return; }
      var timer = setInterval(function () { if (!show(node)) { clearInterval(timer); } }, 1000);
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
