// The Annex A upload control (dcc.Upload) needs two things Dash does not give it.
(function () {
  // 1. Its file input has no label and no way to give it one, so it is named here for
  //    screen readers (WCAG 1.3.1, 4.1.2); the drop area's own text says what it is for.
  function nameFileInputs() {
    document.querySelectorAll(".upload-area input[type=file]").forEach(function (input) {
      if (!input.hasAttribute("aria-label")) {
        input.setAttribute("aria-label",
          "Choose the Annex A files to upload (.xlsx, .xls, .xlsb, .ods or .csv)");
      }
    });
  }
  new MutationObserver(nameFileInputs).observe(document.documentElement, {
    childList: true,
    subtree: true,
  });

  // 2. The control drops a file of the wrong kind or over the size limit without a
  //    word (on a drop as in the file chooser): name each one and say why, in a line of
  //    its own that the list of chosen files does not overwrite.
  var ADVICE = "upload the Annex A Excel workbook (.xlsx, .xls or .xlsb) or " +
    "OpenDocument spreadsheet (.ods), or the lists as CSV files";
  var RESAVE = "open it in Excel, save it as an Excel Workbook (.xlsx) and upload that";
  var KINDS = {
    docx: ["a Word document", ADVICE], doc: ["a Word document", ADVICE],
    docm: ["a Word document", ADVICE], odt: ["a text document", ADVICE],
    rtf: ["a text document", ADVICE], txt: ["a text file", ADVICE],
    pdf: ["a PDF", ADVICE], pptx: ["a PowerPoint presentation", ADVICE],
    ppt: ["a PowerPoint presentation", ADVICE],
    xlsm: ["a macro-enabled Excel workbook (.xlsm)", RESAVE],
    zip: ["a zip file", "unzip it and upload the Annex A workbook inside"]
  };

  // what the server reads (dashboard/services/ingest.py); it checks each file's bytes
  var READ = {xlsx: true, xls: true, xlsb: true, ods: true, csv: true};

  function wrongKind(name) {
    var dot = name.lastIndexOf(".");
    var ext = dot < 0 ? "" : name.slice(dot + 1).toLowerCase();
    if (READ[ext]) return null;
    var kind = KINDS[ext] ||
      ["not an Excel workbook, an OpenDocument spreadsheet or a CSV file", ADVICE];
    return name + " is " + kind[0] + "; " + kind[1] + ". It was not chosen.";
  }

  function refuse(files, skip) {
    var status = document.getElementById("mi-refused");
    if (!status || !files) return;
    var limit = Number(status.getAttribute("data-max-bytes"));
    var lines = [];
    var big = [];
    for (var i = 0; i < files.length; i++) {
      if (skip && skip[files[i].name]) continue;
      var wrong = wrongKind(files[i].name);
      if (wrong) lines.push(wrong);
      else if (limit && files[i].size > limit) big.push(files[i].name);
    }
    if (big.length) {
      lines.push(big.join(", ") + (big.length > 1 ? " are" : " is") +
        " larger than " + Math.round(limit / 1048576) + " MB, so " +
        (big.length > 1 ? "they were" : "it was") + " not chosen. Upload the lists in " +
        "separate files, or remove sheets that are not Annex A lists.");
    }
    status.textContent = lines.join(" ");
  }

  document.addEventListener("change", function (event) {
    if (event.target.matches && event.target.matches(".upload-area input[type=file]")) {
      refuse(event.target.files);
    }
  }, true);
  document.addEventListener("drop", function (event) {
    if (event.target.closest && event.target.closest(".upload-area") && event.dataTransfer) {
      // a dropped folder is opened by the control itself: not a file of the wrong kind
      var items = event.dataTransfer.items || [];
      var folders = {};
      for (var i = 0; i < items.length; i++) {
        var entry = items[i].webkitGetAsEntry ? items[i].webkitGetAsEntry() : null;
        if (entry && entry.isDirectory) folders[entry.name] = true;
      }
      refuse(event.dataTransfer.files, folders);
    }
  }, true);
})();
