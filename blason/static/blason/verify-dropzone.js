// Verification page: drop a badge file on the drop zone to verify it (the file input still works alone).
(function () {
  var zone = document.getElementById("dropzone");
  var form = document.querySelector("form[data-testid=verify-form]");
  var input = form && form.querySelector("input[type=file]");
  if (!zone || !input) {
    return;
  }
  ["dragenter", "dragover"].forEach(function (name) {
    zone.addEventListener(name, function (event) {
      event.preventDefault();
      zone.classList.add("blason-dropzone--over");
    });
  });
  zone.addEventListener("dragleave", function () {
    zone.classList.remove("blason-dropzone--over");
  });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("blason-dropzone--over");
    if (event.dataTransfer && event.dataTransfer.files.length) {
      input.files = event.dataTransfer.files;
      form.requestSubmit();
    }
  });
})();
