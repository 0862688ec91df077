// dcc.Upload renders its file input with no label and no way to give it one, so the
// input is named here for screen readers (WCAG 1.3.1, 4.1.2): the drop area's own text
// says what it is for.
(function () {
  function nameFileInputs() {
    document.querySelectorAll(".upload-area input[type=file]").forEach(function (input) {
      if (!input.hasAttribute("aria-label")) {
        input.setAttribute("aria-label", "Choose the Annex A files to upload (.xlsx or .csv)");
      }
    });
  }
  new MutationObserver(nameFileInputs).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });
})();
