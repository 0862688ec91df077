// Nothing typed is lost: a guard for forms with unsaved text.
//
// A form opts in with data-guard="unsaved" and data-guard-saved-by="MARK": MARK is a
// piece of text that names the form's save request, found in the callback request's
// "output" or "changedPropIds" (e.g. "sef-status.children" for every SEF save,
// "note-add.n_clicks" for "Add note"). Then:
//   1. typing in a textarea or input inside the form marks that field unsaved;
//   2. a save request for the form that answers 200, with no "Not saved" and no error
//      alert ("alert-danger") in its answer, marks saved again every field not typed
//      in since the request was sent;
//   3. while a field on the page is unsaved, leaving asks first: beforeunload for a
//      reload, a typed address or closing the tab; confirm() for a click on a link
//      (Dash Pages moves between pages without unloading, so beforeunload is not enough);
//   4. when a callback answers 401 (the session ended, e.g. after 30 minutes idle), the
//      unsaved fields' text is kept in this browser's localStorage, under the page's
//      path, and the page says so; after signing in again and coming back to the page,
//      it offers the text back ("Restore your unsaved text" / "Discard"). The text is
//      never sent anywhere, and is removed on restore, discard or a successful save.
(function () {
  var LEAVE = "You have unsaved changes on this page. Leave it and lose them?";
  var KEY = "unsaved-text:";
  var generation = 0;
  var dirty = {}; // field id -> {gen, form}

  function formOf(element) {
    return element && element.closest ? element.closest('[data-guard="unsaved"]') : null;
  }

  function stillHere() {
    // fields of a page left behind (in-app navigation) no longer count
    Object.keys(dirty).forEach(function (id) {
      if (!document.getElementById(id)) { delete dirty[id]; }
    });
    return Object.keys(dirty).length > 0;
  }

  document.addEventListener("input", function (event) {
    var field = event.target;
    if (!field || !field.id || !/^(TEXTAREA|INPUT)$/.test(field.tagName)) { return; }
    var form = formOf(field);
    if (!form) { return; }
    generation += 1;
    dirty[field.id] = {gen: generation, mark: form.getAttribute("data-guard-saved-by") || ""};
  }, true);

  function describe(body) {
    try {
      var request = JSON.parse(body);
      return String(request.output || "") + " " + (request.changedPropIds || []).join(" ");
    } catch (error) {
      return "";
    }
  }

  function keep(ids) {
    var texts = {};
    ids.forEach(function (id) {
      var field = document.getElementById(id);
      if (field && typeof field.value === "string") { texts[id] = field.value; }
    });
    if (Object.keys(texts).length) {
      try {
        localStorage.setItem(KEY + location.pathname, JSON.stringify(texts));
      } catch (error) { /* storage full or refused: the message still says sign in */ }
    }
    return Object.keys(texts).length;
  }

  function banner(id, children) {
    var old = document.getElementById(id);
    if (old) { old.remove(); }
    var box = document.createElement("div");
    box.id = id;
    box.setAttribute("role", "alert");
    box.className = "alert alert-warning unsaved-banner";
    children.forEach(function (child) { box.appendChild(child); });
    document.body.insertBefore(box, document.body.firstChild);
    return box;
  }

  function paragraph(text) {
    var p = document.createElement("p");
    p.className = "mb-2";
    p.textContent = text;
    return p;
  }

  function sessionEnded() {
    stillHere();
    var kept = keep(Object.keys(dirty)) ||
      localStorage.getItem(KEY + location.pathname) !== null; // kept by an earlier 401
    var link = document.createElement("a");
    link.href = "/login?next=" + encodeURIComponent(location.pathname + location.search);
    link.textContent = "Sign in again";
    link.setAttribute("data-guard-skip", "");
    banner("unsaved-session-ended", [
      paragraph("Your session ended, so nothing more can be saved until you sign in again." +
        (kept ? " Your unsaved text is kept in this browser; sign in again and come back " +
          "to this page, and it will be offered back to you." : "")),
      link,
    ]);
    dirty = {}; // kept in the browser: leaving no longer needs to ask
  }

  var realFetch = window.fetch;
  window.fetch = function (resource, init) {
    var url = typeof resource === "string" ? resource : (resource && resource.url) || "";
    if (url.indexOf("_dash-update-component") === -1) {
      return realFetch.apply(this, arguments);
    }
    var request = describe(init && typeof init.body === "string" ? init.body : "");
    var sentAt = generation;
    return realFetch.apply(this, arguments).then(function (response) {
      if (response.status === 401) {
        sessionEnded();
      } else if (response.ok) {
        response.clone().text().then(function (answer) {
          if (answer.indexOf("Not saved") !== -1 || answer.indexOf("alert-danger") !== -1) {
            return;
          }
          var saved = false;
          Object.keys(dirty).forEach(function (id) {
            var entry = dirty[id];
            if (entry.mark && request.indexOf(entry.mark) !== -1 && entry.gen <= sentAt) {
              delete dirty[id];
              saved = true;
            }
          });
          if (saved) { localStorage.removeItem(KEY + location.pathname); }
        });
      }
      return response;
    });
  };

  window.addEventListener("beforeunload", function (event) {
    if (stillHere()) {
      event.preventDefault();
      event.returnValue = LEAVE;
      return LEAVE;
    }
  });

  document.addEventListener("click", function (event) {
    var link = event.target && event.target.closest ? event.target.closest("a[href]") : null;
    if (!link || link.hasAttribute("data-guard-skip") || link.target === "_blank" ||
        link.hasAttribute("download") || event.defaultPrevented) { return; }
    var href = link.getAttribute("href");
    if (!href || href.charAt(0) === "#" || !stillHere()) { return; }
    if (window.confirm(LEAVE)) {
      dirty = {}; // the person chose to leave: do not ask again on unload
      return;
    }
    event.preventDefault();
    event.stopImmediatePropagation();
  }, true);

  // After signing in again: offer the kept text back once its fields are on the page.
  function setValue(field, value) {
    var proto = field.tagName === "TEXTAREA" ? HTMLTextAreaElement.prototype
      : HTMLInputElement.prototype;
    Object.getOwnPropertyDescriptor(proto, "value").set.call(field, value);
    field.dispatchEvent(new Event("input", {bubbles: true})); // Dash hears the change
  }

  function offer() {
    var key = KEY + location.pathname;
    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (error) {
      localStorage.removeItem(key);
    }
    if (!stored || document.getElementById("unsaved-restore") ||
        document.getElementById("unsaved-session-ended")) { return; }
    var ids = Object.keys(stored).filter(function (id) { return document.getElementById(id); });
    if (!ids.length) { return; }
    var restore = document.createElement("button");
    restore.type = "button";
    restore.className = "btn btn-primary me-2";
    restore.textContent = "Restore your unsaved text";
    var discard = document.createElement("button");
    discard.type = "button";
    discard.className = "btn btn-secondary";
    discard.textContent = "Discard";
    var box = banner("unsaved-restore", [
      paragraph("This browser kept text you typed on this page before your session ended. " +
        "Restore it into the form (then save), or discard it."), restore, discard]);
    restore.addEventListener("click", function () {
      ids.forEach(function (id) {
        var field = document.getElementById(id);
        if (field) { setValue(field, stored[id]); }
      });
      localStorage.removeItem(key);
      box.remove();
    });
    discard.addEventListener("click", function () {
      localStorage.removeItem(key);
      box.remove();
    });
  }
  new MutationObserver(function () {
    if (window.__unsavedOfferPending) { return; }
    window.__unsavedOfferPending = true;
    setTimeout(function () { window.__unsavedOfferPending = false; offer(); }, 300);
  }).observe(document.documentElement, {childList: true, subtree: true});
})();
