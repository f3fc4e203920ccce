// BookMySleep — shows the picture chosen for the profile before it is uploaded. The server still
// decides by the file's bytes whether it is an image it takes.
"use strict";

(function () {
  var input = document.querySelector("[data-avatar-input]");
  var preview = document.getElementById("avatar-preview");
  if (!input || !preview) return;
  input.addEventListener("change", function () {
    var file = input.files && input.files[0];
    if (!file || !/^image\/(jpeg|png|webp)$/.test(file.type)) {
      preview.hidden = true;
      preview.removeAttribute("src");
      return;
    }
    var reader = new FileReader();
    reader.onload = function () {
      preview.src = reader.result;
      preview.hidden = false;
    };
    reader.readAsDataURL(file);
  });
})();
