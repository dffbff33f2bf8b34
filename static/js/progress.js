// Status controls on the roadmap: with htmx loaded the Save buttons go (a change saves at once); errors are spoken
// and shown next to the control, so a refused change is never silent.
(function () {
  "use strict";
  if (!window.htmx) { return; }
  document.documentElement.classList.add("htmx-ready");

  function say(form, message) {
    var note = form.querySelector(".status-error");
    if (!note) {
      note = document.createElement("div");
      note.className = "status-error small text-danger mt-1";
      note.setAttribute("role", "alert");
      form.appendChild(note);
    }
    note.textContent = message;
  }

  document.addEventListener("htmx:responseError", function (event) {
    var form = event.detail.elt.closest("form");
    if (!form) { return; }
    var xhr = event.detail.xhr;
    var text = xhr.status === 403 ? "Your session has expired: reload the page and sign in again." :
      "Not saved (" + xhr.status + "). Reload the page and try again.";
    say(form, text);
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest("form");
    if (form) { say(form, "Not saved: the connection failed. Check your network and try again."); }
  });
})();
