// CCAN: the only script of our own. It hands htmx the CSRF token, once for every request, and
// tells the user when an htmx request fails instead of leaving the page silently unchanged.
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
