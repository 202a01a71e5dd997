// Quota page: while amounts are typed, say what would be left of the parent quota.
// The server re-checks everything on save; this only helps the person typing.
(function () {
  "use strict";
  var form = document.querySelector("form[data-quota-form]");
  if (!form) {
    return;
  }
  var output = form.querySelector("[data-quota-left]");
  var parent = Number(form.dataset.parent);
  var allocated = Number(form.dataset.allocated);
  var inputs = form.querySelectorAll("input[data-saved]");
  var template = output ? output.dataset.template : "";

  function update() {
    var kept = allocated;
    var typed = 0;
    inputs.forEach(function (input) {
      kept -= Number(input.dataset.saved);
      typed += Number(input.value) || 0;
    });
    var left = parent - kept - typed;
    output.textContent = template.replace("__N__", left.toLocaleString("id-ID"));
    output.classList.toggle("quota-left--over", left < 0);
  }

  if (output && template) {
    form.addEventListener("input", update);
  }
})();
