// The card lookup at the desk, from the library's catalogue (the tests' own SIP2 server), in
// Debian's chromium: a walk-in with a blocked card frontdesk has never seen is added at the
// desk by card alone, becomes a customer with the catalogue's name, and when served the desk
// shows "In the catalogue" with the block in words; a card search shows the same for a valid
// card with its items and due dates. Every page is checked and screenshotted.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { catalogueDesk, checkPage, stopCatalogueDesk } from "./harness.mjs";

const PASSWORD = "desk password 2026";
const OKAFOR = "21000100000002", RIVERA = "21000100000001";
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

test("a blocked card served at the desk shows why, in words", async () => {
	await page.goto(desk.base + "/desk/KOS");
	await page.fill("#card", OKAFOR);
	// The desk posts in the background (desk.js) and says what it did.
	await page.click("#walk-in");
	await page.waitForFunction(() => /Ticket A\d+ added/
		.test(document.getElementById("desk-said").textContent));
	// Registered from the catalogue: the queue names them as the catalogue does.
	assert.match(await page.textContent("#queue"), /Okafor, Benedict/);
	await page.click("#next");
	await page.waitForFunction(() => document.getElementById("desk-said").textContent
		.startsWith("Now serving A"));
	// The panel's place comes with the action's answer (no reload), and the page's script
	// fills it from the catalogue.
	const panel = page.locator("#catalogue");
	await panel.waitFor();
	await page.waitForFunction(() => /Blocked|Card valid|not answering/
		.test(document.getElementById("catalogue").textContent));
	const text = (await panel.innerText()).replace(/\s+/g, " ");
	assert.match(text, /In the catalogue/);
	// The reasons first, then what they deny.
	assert.match(text, /Blocked: Card reported lost; Owes too much in fines; May not borrow/);
	assert.match(text, /\$45\.00/);
	assert.match(text, /Lonesome Dove, due [A-Z][a-z]{2}, [A-Z][a-z]{2} \d+|Lonesome Dove, due [A-Z][a-z]{2} \d+, \d{4}/);
	assert.doesNotMatch(text, /card_lost|excessive_fines/);
	await checkPage(page, "catalogue-desk-blocked");
	await panel.screenshot({ path: (process.env.SCREENSHOTS || "build/screenshots") +
		"/catalogue-panel-blocked.png" });
	// Finished with them: the panel goes with them.
	await page.click("#queue h3:has-text('Being served') + ul li.visit button:has-text('Finish')");
	await page.waitForFunction(() => !document.getElementById("catalogue"));
});

test("a card search shows a valid card's items, due dates and holds ready", async () => {
	await page.goto(desk.base + "/customers?q=" + RIVERA);
	const text = (await page.locator("#catalogue").innerText()).replace(/\s+/g, " ");
	assert.match(text, /Card valid/);
	assert.match(text, /\$2\.50/);
	assert.match(text, /The Warmth of Other Suns, due [^]*?Overdue/);
	assert.match(text, /Interpreter of Maladies/);
	// The register form is filled in from the catalogue.
	assert.equal(await page.inputValue("#rname"), "Rivera, Ana");
	assert.equal(await page.inputValue("#rcard"), RIVERA);
	await checkPage(page, "catalogue-search-valid");
});
