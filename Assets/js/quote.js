// BookMySleep — the booking form's live quote: when the dates or beds change, the server's price
// (GET /api/rooms/:id/quote) replaces the one shown, and the hidden total the form posts back, without
// a reload. Without JavaScript the form does the same on the server when Book is pressed.
"use strict";

(function () {
  var form = document.querySelector("form[data-live-quote]");
  if (!form) return;
  var card = document.getElementById("quote");
  var hint = form.querySelector("[data-quote-hint]");
  var total = form.elements.totalAmount;
  var shown = {};
  form.querySelectorAll("[data-quote-field]").forEach(function (element) {
    shown[element.dataset.quoteField] = element;
  });
  // Answers can arrive out of order; only the newest question's answer is shown.
  var asked = 0;

  /** Paise as Indian readers write rupees: ₹1,23,456, with paise only when there are any. */
  function rupees(paise) {
    var whole = String(Math.floor(paise / 100));
    var grouped = whole.slice(-3);
    var rest = whole.slice(0, -3);
    while (rest.length) {
      grouped = rest.slice(-2) + "," + grouped;
      rest = rest.slice(0, -2);
    }
    var fraction = paise % 100;
    return "₹" + grouped + (fraction ? "." + String(fraction).padStart(2, "0") : "");
  }

  function count(number, word) {
    return number + " " + word + (number === 1 ? "" : "s");
  }

  /** No price to show: the server will say what is wrong when Book is pressed. */
  function unquoted(message) {
    card.hidden = true;
    total.value = "";
    shown.button.textContent = "";
    hint.textContent = message;
    hint.hidden = false;
  }

  function refresh() {
    var from = form.elements.from.value;
    var to = form.elements.to.value;
    var beds = form.elements.beds.value;
    if (!from || !to || !beds) return;
    var question = ++asked;
    var query = new URLSearchParams({ from: from, to: to, beds: beds });
    fetch(form.dataset.liveQuote + "?" + query, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        return response.json();
      })
      .then(function (body) {
        if (question !== asked) return;
        if (!body.success) {
          unquoted(body.error && body.error.message ? body.error.message : "These dates and beds cannot be priced.");
          return;
        }
        var quote = body.data.quote;
        shown.heading.textContent = "Price for " + count(quote.nights, "night") + ", " + count(quote.beds, "bed");
        shown.rent.textContent = rupees(quote.rent);
        shown.deposit.textContent = rupees(quote.securityDeposit);
        shown.total.textContent = rupees(quote.total);
        shown.button.textContent = " for " + rupees(quote.total);
        total.value = String(quote.total);
        card.hidden = false;
        hint.hidden = true;
      })
      .catch(function () {
        // Offline or a broken answer: the price shown stays, and Book checks it on the server.
      });
  }

  ["from", "to", "beds"].forEach(function (name) {
    form.elements[name].addEventListener("change", refresh);
  });
  form.elements.beds.addEventListener("input", refresh);
})();
