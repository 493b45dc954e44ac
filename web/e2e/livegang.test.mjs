// Going live (issue 13.7): a region from an empty database to a
// zorgcoördinator registering her first hulpvraag, without the demo, in a
// real browser. The first beheerder is invited on the command line,
// activates with a password and an authenticator app (the code computed
// here from the secret the page shows), logs in with password and code,
// and sets up a school, a wijkteam, an aanbieder, the JGZ as the region's
// verwijzer, the school's OJA arrangement with its hoofdaanbieder and the
// region's expertpool through the beheer pages. The zorgcoördinator, invited on the command
// line, activates with a passkey (Chromium's virtual authenticator through
// the DevTools protocol) and its recovery codes, logs in with it and registers a hulpvraag; the
// access route then names the hoofdaanbieder. axe-core on every new page,
// and no sideways scroll at 360 px.
import { describe, it, before, after } from "node:test";
import assert from "node:assert/strict";
import {
  startBrowser, nieuweContext, controleer, verstuur, kiesOptie, schermafdruk, axeOverzicht,
  legeDataMap, nodigUit, startLeeg, totp, geenZijwaartsScrollen,
} from "./hulp.mjs";

const BEHEERDER = "beheer@almere.example";
const ZC = "zc@watertuin.example";
const WACHTWOORD_B = "een lange zin voor de beheerder";
const WACHTWOORD_ZC = "de watertuin bloeit in de lente";

let data, server, browser, context, page;
/** The time step the beheerder's app was enrolled with: that code is spent. */
let ingeschrevenStap;

before(async () => {
  data = legeDataMap();
  const link = await nodigUit(data, BEHEERDER, "beheerder", "Gemeente Almere");
  server = await startLeeg(data);
  server.link = link;
  browser = await startBrowser();
  context = await nieuweContext(browser);
  page = await context.newPage();
});

after(async () => {
  await browser?.close();
  server?.stop();
  axeOverzicht(" livegang");
});

/** Checks a page: axe-core and reflow at 360 px. */
async function pagina(naam) {
  await controleer(page, naam);
  await geenZijwaartsScrollen(page, naam);
}

async function registreerOrganisatie(naam, soort, velden = {}) {
  await page.goto(`${server.adres}/beheer/organisaties/nieuw`);
  await page.fill("#naam", naam);
  await page.selectOption("#soort", soort);
  for (const [id, waarde] of Object.entries(velden)) await page.fill(`#${id}`, waarde);
  await verstuur(page, "button:has-text('Registreren')");
  assert.match(page.url(), /\/beheer\/organisaties\/\d+\?gelukt=ja$/, `${naam}: ${await page.textContent("main")}`);
  return page.url().replace(/\?.*$/, "");
}

describe("een regio vanaf een lege database", () => {
  it("de eerste beheerder activeert met wachtwoord en authenticator-app", async () => {
    await page.goto(`${server.adres}${server.link}`);
    await pagina("activeren");
    await page.fill("#wachtwoord", WACHTWOORD_B);
    await page.fill("#herhaling", WACHTWOORD_B);
    await verstuur(page, "button:has-text('Account activeren')");
    assert.match(page.url(), /\/account\/tweede-factor$/);
    await pagina("tweede factor instellen");
    assert.ok(await page.isVisible(".schakel-qr svg"), "the QR code");
    const geheim = (await page.textContent("#totp-geheim")).replace(/\s/g, "");
    // A wrong code first: the error at its field.
    await page.fill("#code", totp(geheim) === "000000" ? "111111" : "000000");
    await verstuur(page, "button:has-text('App koppelen')");
    assert.equal(await page.getAttribute("#code", "aria-invalid"), "true");
    await pagina("tweede factor instellen (fout)");
    const nieuwGeheim = (await page.textContent("#totp-geheim")).replace(/\s/g, "");
    const nu = Date.now();
    ingeschrevenStap = Math.floor(nu / 30_000);
    await page.fill("#code", totp(nieuwGeheim, nu));
    await verstuur(page, "button:has-text('App koppelen')");
    const codes = await page.$$eval("#herstelcodes code", (c) => c.map((x) => x.textContent));
    assert.equal(codes.length, 10);
    await pagina("herstelcodes");
    server.geheim = nieuwGeheim;
    await verstuur(page, "text=naar inloggen");
    assert.match(await page.textContent("main"), /tweede factor is ingesteld/);
  });

  it("logt in met wachtwoord en code", async () => {
    await page.fill("#email", BEHEERDER);
    await page.fill("#wachtwoord", WACHTWOORD_B);
    await verstuur(page, "button:has-text('Inloggen')");
    assert.match(page.url(), /\/inloggen\/tweede-factor$/);
    await pagina("inloggen: tweede stap");
    // The half-logged-in state opens nothing.
    const r = await page.request.get(`${server.adres}/api/v1/sessies/huidige`);
    assert.equal(r.status(), 401);
    // The enrolment's code is spent: wait for the app's next one.
    const wacht = (ingeschrevenStap + 1) * 30_000 - Date.now();
    if (wacht > 0) await new Promise((ok) => setTimeout(ok, wacht + 200));
    await page.fill("#code", totp(server.geheim));
    await verstuur(page, "button:has-text('Inloggen')");
    assert.match(page.url(), /\/beheer$/);
    await pagina("beheer: overzicht");
  });

  it("zet de regio op: school, wijkteam, aanbieder, verwijzer en OJA-arrangement", async () => {
    const school = await registreerOrganisatie("SBO De Watertuin", "school", { brin: "02QZ00" });
    await pagina("beheer: school");
    await registreerOrganisatie("Wijkteam Almere Stad", "wijkteam");
    await registreerOrganisatie("Jeugdhulp Zeewind", "aanbieder", { agb: "87654321" });
    const jgz = await registreerOrganisatie("JGZ Almere", "jgz");
    await page.goto(jgz);
    await page.selectOption("#verwijzer", "ja");
    await verstuur(page, "button:has-text('Opslaan')");
    assert.match(page.url(), /gelukt=ja/);
    await page.goto(school);
    await kiesOptie(page, "#arrangement", "Watertuin");
    await kiesOptie(page, "#hoofdaanbieder", "Jeugdhulp Zeewind");
    await verstuur(page, "button:has-text('Opslaan')");
    assert.match(page.url(), /gelukt=ja/);
    await pagina("beheer: OJA-arrangement opgeslagen");
    await page.goto(`${server.adres}/beheer`);
    const tekst = await page.textContent("main");
    for (const naam of ["SBO De Watertuin", "Wijkteam Almere Stad", "Jeugdhulp Zeewind", "JGZ Almere"]) {
      assert.match(tekst, new RegExp(naam));
    }
    await pagina("beheer: organisaties");
    // The region's expertpool on the beheer page: a wrong phone number at
    // its field first; then the directory shows the contact at once.
    await page.goto(`${server.adres}/beheer/contactpersonen`);
    await pagina("beheer: contactpersonen (leeg)");
    await kiesOptie(page, "#organisatie", "Expertpool van de regio");
    await page.fill("#functie", "expertpool");
    await page.fill("#naam", "Regionale expertpool Flevoland");
    await page.fill("#telefoon", "bel maar");
    await verstuur(page, "button:has-text('Toevoegen')");
    assert.equal(await page.getAttribute("#telefoon", "aria-invalid"), "true");
    await pagina("beheer: contactpersoon (fout)");
    await page.fill("#telefoon", "036-5399999");
    await page.fill("#email", "expertpool@regio.example");
    await verstuur(page, "button:has-text('Toevoegen')");
    assert.match(page.url(), /\/beheer\/contactpersonen\?gelukt=toegevoegd$/);
    await pagina("beheer: contactpersoon toegevoegd");
    await page.click("text=Regionale expertpool Flevoland wijzigen of verwijderen");
    await pagina("beheer: contactpersoon wijzigen");
    await page.goto(`${server.adres}/gids/contacten`);
    assert.match(await page.textContent("main"), /Regionale expertpool Flevoland/);
    // The zorgcoördinator invited on the beheer page; the link is shown once.
    await page.goto(`${server.adres}/beheer/medewerkers/nieuw`);
    await pagina("beheer: medewerker uitnodigen");
    await page.fill("#naam", "Zorgcoördinator Watertuin");
    await page.fill("#email", ZC);
    await page.selectOption("#rol", "zorgcoordinator");
    await kiesOptie(page, "#organisatie", "SBO De Watertuin");
    await verstuur(page, "button:has-text('Uitnodigen')");
    const link = (await page.content()).match(/\/activeren\/[0-9a-f]{64}/);
    assert.ok(link, "the invitation's one-time link is on the page");
    server.zcLink = link[0];
    await pagina("beheer: medewerker uitgenodigd");
    await verstuur(page, "header button:has-text('Uitloggen')");
  });

  it("de zorgcoördinator activeert en logt in met een passkey", async () => {
    await context.clearCookies();
    const cdp = await context.newCDPSession(page);
    await cdp.send("WebAuthn.enable");
    await cdp.send("WebAuthn.addVirtualAuthenticator", {
      options: {
        protocol: "ctap2",
        transport: "internal",
        hasResidentKey: true,
        hasUserVerification: true,
        isUserVerified: true,
        automaticPresenceSimulation: true,
      },
    });
    await page.goto(`${server.adres}${server.zcLink}`);
    await page.fill("#wachtwoord", WACHTWOORD_ZC);
    await page.fill("#herhaling", WACHTWOORD_ZC);
    await verstuur(page, "button:has-text('Account activeren')");
    assert.match(page.url(), /\/account\/tweede-factor$/);
    assert.ok(await page.isVisible("button:has-text('Passkey maken')"), "passkeys offered");
    await verstuur(page, "button:has-text('Passkey maken')");
    assert.match(page.url(), /\/account\/tweede-factor\?toegevoegd=1$/);
    assert.match(await page.textContent("main"), /passkey is vastgelegd/);
    await pagina("passkey vastgelegd");
    await verstuur(page, "button:has-text('Herstelcodes maken')");
    assert.equal((await page.$$("#herstelcodes code")).length, 10);
    await verstuur(page, "text=naar inloggen");
    assert.match(page.url(), /\/inloggen\?ingeschreven=1$/);

    await page.fill("#email", ZC);
    await page.fill("#wachtwoord", WACHTWOORD_ZC);
    await verstuur(page, "button:has-text('Inloggen')");
    assert.match(page.url(), /\/inloggen\/tweede-factor$/);
    await pagina("inloggen: tweede stap met passkey");
    await verstuur(page, "button:has-text('Inloggen met passkey')");
    assert.match(page.url(), /\/werk$/);
    assert.match(await page.textContent("main"), /Er wacht nu niets op u\./);
    await pagina("zorgcoördinator: wat wacht (leeg)");
    await verstuur(page, "nav >> text=Mijn leerlingen");
    await pagina("zorgcoördinator: mijn leerlingen (leeg)");
  });

  it("registreert een hulpvraag; de toegangsroute noemt de hoofdaanbieder", async () => {
    await page.goto(`${server.adres}/jeugdigen/nieuw`);
    await page.fill("#bsn", "999900043");
    await page.fill("#voornaam", "Noor");
    await page.fill("#achternaam", "Bakker");
    await page.fill("#geboortedatum", "2015-03-14");
    await page.fill("#postcode", "1357 CD");
    await page.fill("#huisnummer", "8");
    await page.fill("#ouder", "R. Bakker");
    await page.fill("#omschrijving", "Noor komt vaak te laat en is moe.");
    await verstuur(page, "button:has-text('Registreren')");
    assert.match(page.url(), /\/hulpvragen\/\d+\?gelukt=geregistreerd$/);
    await page.goto(`${server.adres}/jeugdigen`);
    await page.click("text=Noor Bakker");
    await page.click("text=Waar kunnen de ouders terecht?");
    const tekst = await page.textContent("main");
    assert.match(tekst, /hoofdaanbieder van het OJA/);
    assert.match(tekst, /Jeugdhulp Zeewind/);
    await pagina("zorgcoördinator: toegangsroute");
    await schermafdruk(page, "livegang-toegangsroute.png");
  });
});
