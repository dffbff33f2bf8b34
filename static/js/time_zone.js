// Time zone fields the learner has not filled yet (data-browser-zone="fill") take the browser's own zone, when it is
// one the list knows; without JavaScript they keep UTC. The learner can still type to search the list.
(function () {
  "use strict";
  function fill() {
    var zone;
    try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
    if (!zone) { return; }
    document.querySelectorAll('input[data-browser-zone="fill"]').forEach(function (input) {
      var list = input.list;
      var known = !list || Array.prototype.some.call(list.options, function (option) { return option.value === zone; });
      if (known) {
        input.value = zone;
        input.dataset.browserZone = "filled";
      }
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", fill); } else { fill(); }
})();
