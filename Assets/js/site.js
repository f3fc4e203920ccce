// BookMySleep — small progressive enhancements. Every page works without this file; it only saves
// clicks. No inline scripts anywhere: the Content-Security-Policy allows only files like this one.
"use strict";

(function () {
  /** YYYY-MM-DD of a date input's value plus `days`, or "" when the value is not a date. */
  function addDays(value, days) {
    var parts = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
    if (!parts) return "";
    var date = new Date(Date.UTC(+parts[1], +parts[2] - 1, +parts[3] + days));
    return date.toISOString().slice(0, 10);
  }

  /** Today in the browser's calendar, YYYY-MM-DD. */
  function today() {
    var now = new Date();
    return addDays(now.getFullYear() + "-" + String(now.getMonth() + 1).padStart(2, "0") + "-" +
      String(now.getDate()).padStart(2, "0"), 0);
  }

  // Check-out must follow check-in: its earliest date moves with check-in, and a check-out that is no
  // longer after check-in is cleared rather than left for the server to refuse.
  document.querySelectorAll("form").forEach(function (form) {
    var checkIn = form.querySelector("[data-check-in]");
    var checkOut = form.querySelector("[data-check-out]");
    if (!checkIn || !checkOut) return;
    checkIn.min = today();
    function follow() {
      var earliest = addDays(checkIn.value, 1);
      checkOut.min = earliest || addDays(today(), 1);
      if (earliest && checkOut.value && checkOut.value < earliest) checkOut.value = "";
    }
    checkIn.addEventListener("change", follow);
    follow();
  });
})();
