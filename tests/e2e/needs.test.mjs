// "Needs you" follows live (issue 21): a request referred at one desk appears in the person in
// charge's "Needs you" panel and header badge, in another browser, within a second and with
// no reload; the badge's count is there on every page.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "desk password 2026";
let desk, browser, staffToken;

before(async () => {
	desk = new Desk();
	desk.cli(["init"]);
	desk.cli(["branch", "add", "KOS", "--name", "Kosciusko-Attala Library",
		"--hours", "mon-sun 00:00-24:00"]);
	for (const [login, name, role] of [["kos.staff", "Martha Luckett", "staff"],
		["kos.al", "Dana Whitfield", "assistant_librarian"],
		["director", "Ruth Calloway", "executive_director"]])
		desk.cli(["user", "add", login, "--name", name, "--role", role, "--password-stdin",
			...(role === "executive_director" ? [] : ["--branch", "KOS"])], PASSWORD + "\n");
	staffToken = desk.cli(["token", "create", "kos.staff"]).trim();
	const alToken = desk.cli(["token", "create", "kos.al"]).trim();
	await desk.start();
	for (const t of [staffToken, alToken])
		assert.equal((await desk.api("POST", "/api/v1/duty", t, { branch: "KOS" })).status, 200);
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

async function open(user, where) {
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 },
		bypassCSP: true });
	const page = await context.newPage();
	await login(page, desk.base, user, PASSWORD);
	await page.goto(desk.base + where);
	return page;
}

test("a referred request appears in the receiver's Needs you within a second", async () => {
	const made = await desk.api("POST", "/api/v1/requests", staffToken,
		{ branch: "KOS", kind: "interlibrary_loan", text: "The Lost Cause, 1866 edition" });
	assert.equal(made.status, 201);
	const id = made.body.id;

	// The Assistant Librarian, in charge, at her desk: nothing needs her yet.
	const receiver = await open("kos.al", "/desk/KOS");
	await receiver.waitForSelector("#needs-badge[data-live='1']", { timeout: 5000 });
	await receiver.evaluate(() => { window.notReloaded = true; });
	assert.match(await receiver.textContent("#needs"), /Nothing needs you now/);
	assert.equal(await receiver.getAttribute("#needs-badge", "aria-label"), "Needs you: nothing now");
	await checkPage(receiver, "needs-desk-before");

	// The staff member refers it up from the request's page, in another browser.
	const sender = await open("kos.staff", `/requests/${id}`);
	await sender.fill("#enote", "The customer needs it for a court date");
	const referred = Date.now();
	await Promise.all([sender.waitForNavigation(),
		sender.click(`form[action='/requests/${id}/escalate'] button[type='submit']`)]);

	await receiver.waitForFunction((rid) => {
		const link = document.querySelector(`#needs a[href='/requests/${rid}']`);
		return link && link.textContent.includes("The Lost Cause");
	}, id, { timeout: 1000, polling: 50 });
	const took = Date.now() - referred;
	assert.ok(took <= 1000, `took ${took} ms`);
	assert.equal(await receiver.evaluate(() => window.notReloaded), true, "the desk reloaded");
	assert.equal(await receiver.getAttribute("#needs-badge", "aria-label"), "Needs you: 1 thing");
	assert.match(await receiver.textContent("#needs"), /Referred to you/);
	assert.match(await receiver.textContent("#needs"), /Interlibrary loan/);
	await checkPage(receiver, "needs-desk-after");

	// The referring desk is not told it needs anything; the receiver's /needs page lists it.
	assert.equal(await sender.getAttribute("#needs-badge", "aria-label"), "Needs you: nothing now");
	await receiver.goto(desk.base + "/needs");
	assert.match(await receiver.textContent("main"), /The Lost Cause/);
	await checkPage(receiver, "needs-page");
	await receiver.click(`#needs a[href='/requests/${id}']`);
	assert.equal(new URL(receiver.url()).pathname, `/requests/${id}`);
});

test("Headquarters' inbox counts what awaits it and says so when a list is empty", async () => {
	// The person in charge refers the request on: now it waits at Headquarters.
	const receiver = await open("kos.al", "/requests");
	const link = receiver.locator("a[href^='/requests/']").first();
	const id = (await link.getAttribute("href")).split("/").pop();
	await receiver.goto(desk.base + `/requests/${id}`);
	await Promise.all([receiver.waitForNavigation(),
		receiver.click(`form[action='/requests/${id}/escalate'] button[type='submit']`)]);

	const hq = await open("director", "/hq");
	assert.equal(await hq.getAttribute("#needs-badge", "aria-label"), "Needs you: 1 thing");
	const requests = hq.locator("section.inbox", { hasText: "Requests referred to Headquarters" });
	assert.equal(await requests.locator("h2 .count").textContent(), "1");
	assert.match(await requests.textContent(), /The Lost Cause/);
	assert.match(await hq.textContent("main"), /No judgement calls are waiting to be acknowledged/);
	assert.match(await hq.textContent("main"), /No incident report is overdue/);
	await checkPage(hq, "needs-hq-inbox");
});
