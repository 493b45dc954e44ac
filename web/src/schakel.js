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

  // The warning before the session's idle time-out (issue 16.7): it stays
  // in view with "Blijf ingelogd", a real request that extends the session.
  // After the time-out it says so; a form sent then is kept by the server
  // through the new login. Without script there is no warning, and the
  // server still keeps such a form.
  var melding = document.getElementById("sessiemelding");
  if (melding) {
    var inactief = Number(melding.getAttribute("data-inactief")) * 1000;
    var vooraf = Math.min(2 * 60 * 1000, inactief / 2);
    var tekst = document.getElementById("sessiemelding-tekst");
    var verleng = document.getElementById("sessiemelding-verlengen");
    var opnieuw = document.getElementById("sessiemelding-inloggen");
    var status = document.getElementById("sessiemelding-status");
    verleng.querySelector("input[name=terug]").value = location.pathname + location.search;
    var klokken = [];
    var eerder = null;
    var duur = function (ms) {
      var s = Math.round(ms / 1000);
      if (s >= 90) return Math.round(s / 60) + " minuten";
      if (s >= 60) return "1 minuut";
      return s + " seconden";
    };
    var plan = function () {
      klokken.forEach(clearTimeout);
      klokken = [setTimeout(waarschuw, inactief - vooraf), setTimeout(verlopen, inactief)];
    };
    var waarschuw = function () {
      tekst.textContent = "Let op: uw sessie verloopt over " + duur(vooraf) +
        " omdat er niets is verstuurd. Werkt u nog? Kies dan ‘Blijf ingelogd’.";
      verleng.hidden = false;
      opnieuw.hidden = true;
      melding.hidden = false;
      // The button takes the focus, unless the user is typing in a field.
      var actief = document.activeElement;
      if (!actief || !/^(INPUT|TEXTAREA|SELECT)$/.test(actief.tagName)) {
        eerder = actief;
        verleng.querySelector("button").focus();
      }
    };
    var verlopen = function () {
      klokken.forEach(clearTimeout);
      tekst.textContent = "Uw sessie is verlopen. Verstuurt u nu een formulier, dan bewaren we wat u invulde: " +
        "na opnieuw inloggen ziet u het terug om te controleren en te versturen.";
      verleng.hidden = true;
      opnieuw.hidden = false;
      melding.hidden = false;
    };
    verleng.addEventListener("submit", function (e) {
      e.preventDefault();
      fetch("/sessie/verlengen?stil=1", {
        method: "POST",
        credentials: "same-origin",
        redirect: "manual",
        body: new URLSearchParams(new FormData(verleng)),
      }).then(function (r) {
        if (r.status !== 204) return verlopen();
        melding.hidden = true;
        status.textContent = "U blijft ingelogd.";
        if (eerder && eerder.focus) eerder.focus();
        eerder = null;
        plan();
      }, verlopen);
    });
    plan();
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
