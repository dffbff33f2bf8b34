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
  // "Learned here or known before?" replaces a row: its first answer takes the keyboard's place, and once answered the
  // row's status control takes it back, so a keyboard user never lands on the top of the page.
  var askingRow = null;
  document.addEventListener("htmx:afterSettle", function () {
    var asking = document.querySelector('li.item-row[data-status="asking"]');
    if (asking && asking.id !== askingRow) {
      askingRow = asking.id;
      var answer = asking.querySelector(".origin-question button");
      if (answer) { answer.focus(); }
    } else if (!asking && askingRow !== null) {
      var row = document.getElementById(askingRow);
      askingRow = null;
      var control = row && row.querySelector("select");
      if (control) { control.focus(); }
    }
  });
  document.addEventListener("htmx:sendError", function (event) {
    var form = event.detail.elt.closest("form");
    if (form) { say(form, "Not saved: the connection failed. Check your network and try again."); }
  });
})();
