// The renewal call at the desk (CS-INPERSON's own example), in Debian's chromium, against the
// tests' own SIP2 server: a walk-in being served, a phone renewal call added is put on hold
// with what to tell the caller; the walk-in finished, Serve next takes the caller; Renew the
// caller's items, Renew all, and each result read out, with the alternatives for the refused.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login, Sip } from "./harness.mjs";

const PASSWORD = "desk password 2026";
const RIVERA = "21000100000001";
const SHOTS = process.env.SCREENSHOTS || "build/screenshots";
let desk, sip, browser, page;

before(async () => {
	sip = await new Sip().start();
	desk = new Desk();
	desk.cli(["init"]);
	desk.cli(["branch", "add", "KOS", "--name", "Kosciusko-Attala Library",
		"--hours", "mon-sun 00:00-24:00"]);
	desk.cli(["user", "add", "kos.staff", "--name", "Lisa Fenwick", "--role", "staff",
		"--branch", "KOS", "--password-stdin"], PASSWORD + "\n");
	await desk.start(sip.config());
	const staff = desk.cli(["token", "create", "kos.staff"]).trim();
	assert.equal((await desk.api("POST", "/api/v1/duty", staff, { branch: "KOS" })).status, 200);
	browser = await launch();
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	page = await context.newPage();
	await login(page, desk.base, "kos.staff", PASSWORD);
});

after(async () => {
	await browser?.close();
	await desk?.stop();
	await sip?.stop();
});

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
	assert.match(await text("main"), /Rivera, Ana, card 21000100000001/);
	assert.match(await text("#renewal-items"), /The Nickel Boys, due/);
	await checkPage(page, "renewal-items");

	await submit("#renew-all");
	const said = await text("#renewal-results");
	assert.match(said, /Renewed: The Overstory — now due [A-Z][a-z]{2}, [A-Z][a-z]{2} \d+/);
	assert.match(said, /Not renewed: The Nickel Boys — Item has holds: it cannot be renewed/);
	assert.match(said, /Not renewed: Educated — Renewal limit reached/);
	assert.match(said, /Offer instead: to place a hold or take a request/);
	assert.match(said, /On this call so far: 3 items renewed, 2 refused/);
	await checkPage(page, "renewal-results");
	await page.screenshot({ path: SHOTS + "/renewal-results.png", fullPage: true });

	// The alternative: the request form, the renewal kind chosen.
	await Promise.all([page.waitForNavigation(),
		page.click("#renewal-results a >> text=take a renewal request")]);
	assert.equal(await page.inputValue("#kind"), "renewal");
});
