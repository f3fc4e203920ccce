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

  // The access cookie lives 15 minutes; the CSRF cookie as long as the login (the refresh token, whose
  // cookie only /api/auth receives). A page rendered for nobody while the CSRF cookie is still there
  // means the access token ran out: renew the login once and reload, instead of logging people out
  // every quarter of an hour. A refused renewal forgets the CSRF cookie, so it is not tried again.
  if (document.body.dataset.signedIn === "no" && /(?:^|; )bms_csrf=[^;]/.test(document.cookie)) {
    var tried = Number(sessionStorage.getItem("bms-renewed-at") || 0);
    if (Date.now() - tried > 60000) {
      sessionStorage.setItem("bms-renewed-at", String(Date.now()));
      fetch("/api/auth/refresh", { method: "POST", credentials: "same-origin" }).then(function (response) {
        if (response.ok) {
          location.reload();
        } else {
          document.cookie = "bms_csrf=; Max-Age=0; Path=/; SameSite=Strict";
        }
      }, function () { /* offline: the page works as it is */ });
    }
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
