// BookMySleep — "Near me" on the search form: the browser's location becomes the search's point and
// the results are sorted by distance. Without JavaScript, geolocation or permission, the button stays
// hidden or says why, and the form searches by city and words as before.
"use strict";

(function () {
  var button = document.querySelector("[data-near-me]");
  if (!button || !("geolocation" in navigator)) return;
  var form = button.form;
  var status = form.querySelector("[data-near-me-status]");
  button.hidden = false;

  /** Sets the form's hidden input `name`, adding it when the page has none. */
  function set(name, value) {
    var input = form.querySelector('input[type="hidden"][name="' + name + '"]');
    if (!input) {
      input = document.createElement("input");
      input.type = "hidden";
      input.name = name;
      form.appendChild(input);
    }
    input.value = value;
  }

  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = "Finding where you are…";
    navigator.geolocation.getCurrentPosition(
      function (position) {
        set("lat", position.coords.latitude.toFixed(5));
        set("lng", position.coords.longitude.toFixed(5));
        set("sort", "distance");
        // Near me means around here, whatever city was typed before.
        if (form.elements.city) form.elements.city.value = "";
        status.textContent = "Searching near you…";
        form.submit();
      },
      function (error) {
        button.disabled = false;
        status.textContent = error.code === error.PERMISSION_DENIED
          ? "This browser may not share your location. Search by city or words instead."
          : "Your location could not be found. Search by city or words instead.";
      },
      { timeout: 15000, maximumAge: 300000 }
    );
  });
})();
