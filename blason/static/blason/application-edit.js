// Application edit page: drafts save as they go.
// The statements are saved in the background when a field is left, and before a piece of evidence
// is added (that form reloads the page, which would otherwise lose what was typed).
// Without JavaScript, the "Enregistrer le brouillon" button does the same.
(function () {
  "use strict";
  var form = document.getElementById("statements");
  if (!form) return;
  var status = document.getElementById("autosave-status");
  var dirty = false;

  function owned(element) {
    return element && element.form === form;
  }

  function save() {
    if (!dirty) return Promise.resolve();
    var data = new FormData(form);
    data.append("autosave", "1");
    dirty = false;
    return fetch(form.action, { method: "POST", body: data, credentials: "same-origin" })
      .then(function (response) {
        if (!response.ok) throw new Error(String(response.status));
        if (status) status.textContent = form.dataset.savedMessage;
      })
      .catch(function () {
        dirty = true;
        if (status) status.textContent = form.dataset.failedMessage;
      });
  }

  document.addEventListener("input", function (event) {
    if (owned(event.target)) dirty = true;
  });
  document.addEventListener("change", function (event) {
    if (owned(event.target)) {
      dirty = true;
      save();
    }
  });
  document.querySelectorAll(".blason-evidence-form").forEach(function (evidenceForm) {
    evidenceForm.addEventListener("submit", function (event) {
      if (!dirty) return;
      event.preventDefault();
      save().then(function () {
        evidenceForm.submit();
      });
    });
  });
})();
