// The renewal call at the desk (CS-INPERSON's own example), in Debian's chromium, against the
// tests' own SIP2 server: a walk-in being served, a phone renewal call added is put on hold
// with what to tell the caller; the walk-in finished, Serve next takes the caller; Renew the
// caller's items, Renew all, and each result read out, with the alternatives for the refused.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { catalogueDesk, checkPage, stopCatalogueDesk } from "./harness.mjs";

const PASSWORD = "desk password 2026";
const RIVERA = "21000100000001";
const SHOTS = process.env.SCREENSHOTS || "build/screenshots";
let desk, sip, browser, page;

let d;
before(async () => {
	d = await catalogueDesk(PASSWORD);
	({ desk, sip, browser, page } = d);
});

after(() => stopCatalogueDesk(d));

async function submit(selector) {
	await Promise.all([page.waitForNavigation(), page.click(selector)]);
}

const text = async (selector) => (await page.locator(selector).innerText()).replace(/\s+/g, " ");

test("a renewal call holds while a walk-in is served, then is renewed at the desk", async () => {
	await page.goto(desk.base + "/desk/KOS");
	// The desk's forms are sent by its script: the page stays, the queue is redrawn.
	await page.click("#walk-in");
	await page.waitForSelector("#queue li.visit");
	await page.click("#next");
	await page.waitForSelector("#queue h3:has-text('Being served') + ul li.visit");
	// The caller phones to renew: linked to their card, marked as a renewal call.
	await page.fill("#card", RIVERA);
	await page.check("#renewal");
	await page.click("#phone-call");
	await page.waitForFunction(() => /please hold/.test(
		document.getElementById("desk-said").textContent), null, { timeout: 2000 });
	assert.match(await text("#desk-said"),
		/P\d+: Ask the caller to please hold: you are serving someone in the library/);
	assert.match(await text("#queue"), /On hold 1 P\d+ Rivera, Ana/);
	assert.equal(await page.locator("#desk-held").count(), 0, "said once, in the status line");
	await checkPage(page, "renewal-held");
	await page.screenshot({ path: SHOTS + "/renewal-held.png", fullPage: true });

	// The walk-in finished, Serve next takes the caller back from hold.
	await page.click("#queue h3:has-text('Being served') + ul li.visit button:has-text('Finish')");
	await page.waitForSelector("#queue h3:has-text('Being served')", { state: "detached" });
	await page.click("#next");
	const items = page.locator("a[id$='-items']");
	await items.waitFor();
	await Promise.all([page.waitForNavigation(), items.click()]);
	// The account's status first, as the catalogue panel shows it.
	assert.match(await text("main"), /Name Rivera, Ana Card 21000100000001 Status Card valid Fines \$2\.50/);
	assert.match(await text("#renewal-items"), /The Nickel Boys, due/);
	await checkPage(page, "renewal-items");
	await page.screenshot({ path: SHOTS + "/renewal-items.png", fullPage: true });

	await submit("#renew-all");
	const said = await text("#renewal-results");
	assert.match(said, /Renewed: The Overstory — now due [A-Z][a-z]{2}, [A-Z][a-z]{2} \d+/);
	assert.match(said, /Not renewed: The Nickel Boys — Item has holds: it cannot be renewed/);
	assert.match(said, /Not renewed: Educated — Renewal limit reached/);
	// Each refusal with its due date and what fits: others wait for The Nickel Boys.
	assert.match(said, /cannot be renewed; still due [A-Z][a-z]{2}, [A-Z][a-z]{2} \d+\. Offer instead: someone else is waiting for it, so return it by [A-Z][a-z]{2}, [A-Z][a-z]{2} \d+; if they still need it, place a hold/);
	assert.match(said, /Renewal limit reached; still due .* and borrow it again, or take a renewal request/);
	assert.match(said, /On this call so far: 3 items renewed, 2 refused/);
	await checkPage(page, "renewal-results");
	await page.screenshot({ path: SHOTS + "/renewal-results.png", fullPage: true });
	// The results page asks the catalogue nothing more: the items are a link away.
	const again = await page.getAttribute("#show-again", "href");
	assert.match(again, /^\/desk\/KOS\/visits\/\d+\/items$/);

	// The alternative: the request form, the renewal kind chosen.
	await Promise.all([page.waitForNavigation(),
		page.click("#renewal-results a >> text=take a renewal request")]);
	assert.equal(await page.inputValue("#kind"), "renewal");
	assert.equal(await page.inputValue("#rcard"), RIVERA);

	// Shown again, the items have their new due dates; renewing again is from this page.
	await page.goto(desk.base + again);
	assert.match(await text("#renewal-items"), /The Overstory, due/);
	await checkPage(page, "renewal-items-again");
	await page.screenshot({ path: SHOTS + "/renewal-items-again.png", fullPage: true });
});
