// Light/dark theme: the visitor's choice is remembered in localStorage; without one, the system setting wins.
(function () {
  "use strict";
  var KEY = "careerpath-theme";
  var root = document.documentElement;

  function stored() {
    try { return localStorage.getItem(KEY); } catch (e) { return null; }
  }
  function preferred() {
    var choice = stored();
    if (choice === "light" || choice === "dark") { return choice; }
    return window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches ? "dark" : "light";
  }
  function apply(theme) {
    root.setAttribute("data-bs-theme", theme);
    document.querySelectorAll("[data-theme-toggle]").forEach(function (button) {
      var dark = theme === "dark";
      button.setAttribute("aria-pressed", dark ? "true" : "false");
      button.classList.toggle("active", dark);
      var icon = button.querySelector("[data-theme-icon]");
      if (icon) { icon.className = dark ? "bi bi-moon-stars-fill" : "bi bi-moon-stars"; }
    });
  }

  apply(preferred());
  document.addEventListener("DOMContentLoaded", function () {
    apply(preferred());
    document.querySelectorAll("[data-theme-toggle]").forEach(function (button) {
      button.addEventListener("click", function () {
        var next = root.getAttribute("data-bs-theme") === "dark" ? "light" : "dark";
        try { localStorage.setItem(KEY, next); } catch (e) { /* private mode: the switch still works for this page */ }
        apply(next);
      });
    });
  });
})();
