// BookMySleep — the owner's photo forms: small previews of the chosen files before they are uploaded.
// The upload works without this file; it only shows what is about to be sent. Previews are data: URLs
// (the Content-Security-Policy allows those for images, not blob: ones).
"use strict";

(function () {
  var inputs = document.querySelectorAll("input[type=file][data-photo-preview]");
  Array.prototype.forEach.call(inputs, function (input) {
    var list = input.form && input.form.querySelector("[data-photo-previews]");
    if (!list) return;
    input.addEventListener("change", function () {
      list.textContent = "";
      Array.prototype.forEach.call(input.files, function (file, index) {
        if (!/^image\//.test(file.type)) return;
        var reader = new FileReader();
        reader.addEventListener("load", function () {
          var item = document.createElement("li");
          var image = document.createElement("img");
          image.src = String(reader.result);
          image.alt = "Preview of " + file.name;
          image.width = 120;
          image.height = 90;
          item.appendChild(image);
          list.appendChild(item);
        });
        reader.readAsDataURL(file);
        if (index === 0) list.hidden = false;
      });
      if (!input.files.length) list.hidden = true;
    });
  });
})();
