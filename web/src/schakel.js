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

  // On a phone the main menu folds behind a button (CSS shows the button
  // only on narrow screens; without script the menu stays open).
  var menuknop = document.getElementById("menuknop");
  var menu = document.getElementById("hoofdmenu");
  if (menuknop && menu) {
    menuknop.hidden = false;
    menu.classList.add("schakel-menu-ingeklapt");
    menuknop.addEventListener("click", function () {
      var open = menu.classList.toggle("schakel-menu-ingeklapt") === false;
      menuknop.setAttribute("aria-expanded", open ? "true" : "false");
    });
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
  // Passkeys (WebAuthn) where the browser has them: the sections stay
  // hidden otherwise, and the code form works without script.
  function post(url, csrf, body) {
    return fetch(url, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf },
      body: JSON.stringify(body || {}),
    }).then(function (r) {
      if (!r.ok) {
        throw new Error("status " + r.status);
      }
      return r.json();
    });
  }

  function passkey(sectie, stappen) {
    if (!sectie || !window.PublicKeyCredential ||
        !PublicKeyCredential.parseCreationOptionsFromJSON) {
      return;
    }
    sectie.hidden = false;
    var knop = sectie.querySelector("[data-passkey-knop]");
    var melding = sectie.querySelector(".schakel-passkey-melding");
    knop.addEventListener("click", function () {
      knop.disabled = true;
      melding.textContent = "Bevestig met uw passkey…";
      stappen(knop.getAttribute("data-csrf"))
        .then(function (uit) {
          window.location.assign(uit.naar);
        })
        .catch(function () {
          knop.disabled = false;
          melding.textContent =
            "Dat lukte niet. Probeer het opnieuw, of gebruik een code.";
        });
    });
  }

  passkey(document.querySelector("[data-passkey-aanmelden]"), function (csrf) {
    return post("/inloggen/passkey/uitdaging", csrf).then(function (o) {
      return navigator.credentials
        .get({ publicKey: PublicKeyCredential.parseRequestOptionsFromJSON(o.publicKey) })
        .then(function (c) {
          return post("/inloggen/passkey", csrf, c.toJSON());
        });
    });
  });

  passkey(document.querySelector("[data-passkey-registreren]"), function (csrf) {
    return post("/account/tweede-factor/passkey/uitdaging", csrf).then(function (o) {
      return navigator.credentials
        .create({ publicKey: PublicKeyCredential.parseCreationOptionsFromJSON(o.opties.publicKey) })
        .then(function (c) {
          return post("/account/tweede-factor/passkey", csrf, { zegel: o.zegel, antwoord: c.toJSON() });
        });
    });
  });
})();
