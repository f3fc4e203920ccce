// BookMySleep — the Stripe checkout page: mounts Stripe's Payment Element (Stripe.js from
// js.stripe.com, the one script Stripe requires from its own site) with the booking's client secret,
// and confirms the payment there. Stripe then sends the browser back to the booking's page, whose
// status the server learns from Stripe's signed webhook, never from this script.
"use strict";

(function () {
  var form = document.getElementById("stripe-checkout");
  if (!form) return;
  var message = document.getElementById("payment-message");
  var button = form.querySelector('button[type="submit"]');
  var loading = form.querySelector("[data-stripe-loading]");

  function show(text) {
    message.textContent = text;
    message.hidden = false;
  }

  if (typeof Stripe === "undefined") {
    loading.textContent = "";
    show("Stripe's payment form could not load: js.stripe.com is not reachable from this browser. Nothing has been charged; try again later.");
    return;
  }
  var stripe = Stripe(form.dataset.publishableKey);
  var elements = stripe.elements({ clientSecret: form.dataset.clientSecret });
  var payment = elements.create("payment");
  payment.on("ready", function () {
    loading.remove();
    button.disabled = false;
  });
  payment.mount("#payment-element");

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    button.disabled = true;
    message.hidden = true;
    var returnURL = new URL(form.dataset.returnHref, location.href).href;
    stripe.confirmPayment({ elements: elements, confirmParams: { return_url: returnURL } }).then(function (result) {
      // Success leaves the page; an answer here is always a problem to show.
      if (result.error) show(result.error.message);
      button.disabled = false;
    });
  });
})();
