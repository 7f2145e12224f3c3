// CCAN: the only script of our own. It hands htmx the CSRF token, once for every request, and
// tells the user when an htmx request fails instead of leaving the page silently unchanged; and it
// adds small comforts to pages that work without it (lists' filters, the catalog's tabs).
document.addEventListener("htmx:configRequest", function (event) {
  var meta = document.querySelector('meta[name="csrf-token"]');
  if (meta) {
    event.detail.headers["X-CSRFToken"] = meta.getAttribute("content");
  }
});

function showHtmxError() {
  var region = document.getElementById("flash-messages");
  if (!region) {
    return;
  }
  var message = document.createElement("p");
  message.className = "flash flash--error";
  message.textContent = document.body.getAttribute("data-htmx-error");
  region.replaceChildren(message);
  region.scrollIntoView({block: "nearest"});
}

document.addEventListener("htmx:responseError", showHtmxError);
document.addEventListener("htmx:sendError", showHtmxError);

// A list's filters follow its results on a phone (_macros/filters.html): after "Apply" there, bring
// the updated results into view, since they are above the screen. Typing in the words box above
// the results scrolls nothing.
document.addEventListener("htmx:afterSettle", function (event) {
  var config = event.detail.requestConfig;
  var trigger = config && config.triggeringEvent;
  var form = trigger && trigger.type === "submit" ? trigger.target : null;
  if (!form || !form.classList || !form.classList.contains("listing")) {
    return;
  }
  var results = document.querySelector(form.getAttribute("data-hx-target"));
  if (results && results.getBoundingClientRect().top < 0) {
    results.scrollIntoView({block: "start"});
  }
});

// On a phone the catalog's tabs are one row that scrolls within itself: show the current one.
document.addEventListener("DOMContentLoaded", function () {
  var current = document.querySelector(".subnav--tabs [aria-current=page]");
  var row = current && current.closest("ul");
  if (row && row.scrollWidth > row.clientWidth) {
    row.scrollLeft = current.parentElement.offsetLeft - row.offsetLeft - 16;
  }
});

// From 1024 px CSS shows a list's filter panel as an open sidebar whatever its state; opening it
// here too lets its summary tell screen readers the same ("expanded").
document.addEventListener("DOMContentLoaded", function () {
  if (window.matchMedia("(min-width: 1024px)").matches) {
    document.querySelectorAll("details.filter-panel").forEach(function (panel) {
      panel.open = true;
    });
  }
});
