// Schakel's only script: an optional enhancement. Every page and form
// works without it.
(function () {
  "use strict";

  // The error summary takes the focus, so a screen reader announces it
  // (the autofocus attribute does this already where it is honoured).
  var samenvatting = document.getElementById("foutoverzicht");
  if (samenvatting && document.activeElement !== samenvatting) {
    samenvatting.focus();
  }

  // A print button for the plan (without script, the browser's own print).
  var knoppen = document.querySelectorAll("[data-afdrukken]");
  for (var i = 0; i < knoppen.length; i++) {
    knoppen[i].hidden = false;
    knoppen[i].addEventListener("click", function () {
      window.print();
    });
  }

  // Warn two minutes before the session's 30-minute idle time-out, in a
  // live region that screen readers announce.
  var melding = document.getElementById("sessiemelding");
  if (melding) {
    window.setTimeout(function () {
      melding.hidden = false;
      melding.textContent =
        "Let op: uw sessie verloopt over 2 minuten als u niets doet. Sla uw werk op of laad de pagina opnieuw.";
    }, 28 * 60 * 1000);
  }
})();
