// The Annex A upload control (dcc.Upload) needs two things Dash does not give it.
(function () {
  // 1. Its file input has no label and no way to give it one, so it is named here for
  //    screen readers (WCAG 1.3.1, 4.1.2); the drop area's own text says what it is for.
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

  // 2. A file over the size limit is dropped by the control without a word; say so.
  function tooBig(files) {
    var status = document.getElementById("mi-chosen");
    if (!status || !files) return;
    var limit = Number(status.getAttribute("data-max-bytes"));
    var names = [];
    for (var i = 0; i < files.length; i++) {
      if (limit && files[i].size > limit) names.push(files[i].name);
    }
    if (names.length) {
      status.textContent = names.join(", ") + (names.length > 1 ? " are" : " is") +
        " larger than " + Math.round(limit / 1048576) + " MB, so " +
        (names.length > 1 ? "they were" : "it was") + " not chosen. Upload the lists in " +
        "separate files, or remove sheets that are not Annex A lists.";
    }
  }
  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches(".upload-area input[type=file]")) {
      tooBig(event.target.files);
    }
  }, true);
  document.addEventListener("drop", function (event) {
    if (event.target.closest && event.target.closest(".upload-area") && event.dataTransfer) {
      tooBig(event.dataTransfer.files);
    }
  }, true);
})();
