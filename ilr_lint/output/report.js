// ilr-lint HTML report: filters by topic, severity and code. No network, no libraries.
(function () {
  "use strict";
  var filters = Array.prototype.slice.call(document.querySelectorAll("select[data-filter]"));
  var findings = Array.prototype.slice.call(document.querySelectorAll(".finding"));
  var groups = Array.prototype.slice.call(document.querySelectorAll(".learner"));
  var shown = document.getElementById("shown");
  function apply() {
    var wanted = {};
    filters.forEach(function (f) { wanted[f.dataset.filter] = f.value; });
    var count = 0;
    findings.forEach(function (el) {
      var keep = Object.keys(wanted).every(function (key) {
        return wanted[key] === "" || el.dataset[key] === wanted[key];
      });
      el.hidden = !keep;
      if (keep) { count += 1; }
    });
    groups.forEach(function (g) { g.hidden = !g.querySelector(".finding:not([hidden])"); });
    if (shown) { shown.textContent = String(count); }
  }
  filters.forEach(function (f) { f.addEventListener("change", apply); });
  apply();
}());
