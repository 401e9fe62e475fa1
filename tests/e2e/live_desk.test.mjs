// Two desk computers at one branch see the same queue live (CS-QUICK, CS-INPERSON): a
// customer taken in at one desk appears on the other within a couple of seconds, with no
// reload, and serving them there shows on the first.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "desk password 2026";
let desk, browser, token;

before(async () => {
	desk = new Desk();
	desk.cli(["init"]);
	desk.cli(["branch", "add", "KOS", "--name", "Kosciusko-Attala Library",
		"--hours", "mon-sun 00:00-24:00"]);
	for (const login of ["kos.front", "kos.back"])
		desk.cli(["user", "add", login, "--name", login === "kos.front" ? "Martha Luckett" :
			"Lisa Fenwick", "--role", "staff", "--branch", "KOS", "--password-stdin"],
		PASSWORD + "\n");
	token = desk.cli(["token", "create", "kos.front"]).trim();
	const backToken = desk.cli(["token", "create", "kos.back"]).trim();
	await desk.start();
	for (const t of [token, backToken])
		assert.equal((await desk.api("POST", "/api/v1/duty", t, { branch: "KOS" })).status, 200);
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

async function openDesk(user) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
	const page = await context.newPage();
	await login(page, desk.base, user, PASSWORD);
	await page.goto(desk.base + "/desk/KOS");
	// The event stream is open once the page says it is live.
	await page.waitForSelector("#queue[data-live='1']", { timeout: 5000 });
	// Set on this page only: gone if the page reloads.
	await page.evaluate(() => { window.notReloaded = true; });
	return page;
}

test("two desk pages at one branch update live", async () => {
	const front = await openDesk("kos.front");
	const back = await openDesk("kos.back");

	// A walk-in taken at the front desk through its own form, without leaving the page...
	await front.fill("#note", "returning books");
	await front.click("#walk-in");
	await front.waitForSelector("#queue .visit .ticket:text('A1')");
	assert.equal(await front.evaluate(() => window.notReloaded), true, "the front desk reloaded");

	// ...appears at the back desk by itself.
	const started = Date.now();
	await back.waitForSelector("#queue .visit .ticket:text('A1')", { timeout: 3000 });
	assert.ok(Date.now() - started < 3000);
	assert.equal(await back.evaluate(() => window.notReloaded), true, "the back desk reloaded");

	// A phone caller through the API also reaches both, after the walk-in (CS-INPERSON).
	const call = await desk.api("POST", "/api/v1/branches/KOS/visits", token,
		{ channel: "phone" });
	assert.equal(call.status, 201);
	await back.waitForSelector("#queue .visit .ticket:text('P2')", { timeout: 3000 });
	const order = await back.$$eval("#queue ol.visits .ticket", (els) => els.map((e) => e.textContent));
	assert.deepEqual(order, ["A1", "P2"]);

	// Serving at the back desk shows at the front, again without a reload.
	await back.click("#next");
	await front.waitForFunction(() => {
		const h = [...document.querySelectorAll("#queue h3")].find((e) => e.textContent.startsWith("Being served"));
		return h && h.nextElementSibling.textContent.includes("A1");
	}, null, { timeout: 3000 });
	assert.equal(await front.evaluate(() => window.notReloaded), true, "the front desk reloaded");
	assert.equal(await back.evaluate(() => window.notReloaded), true, "the back desk reloaded");

	await front.screenshot({ path: process.env.SCREENSHOT || "build/e2e-desk.png", fullPage: true });
});

test("the public board shows tickets and no names", async () => {
	const context = await browser.newContext({ viewport: { width: 1920, height: 1080 },
		bypassCSP: true });
	const page = await context.newPage();
	const response = await page.goto(desk.base + "/board/KOS");
	assert.equal(response.status(), 200);
	const text = await page.textContent("body");
	assert.match(text, /Now serving\s*A1/); // phone callers are not in the building: not listed
	for (const name of ["Martha", "Luckett", "Lisa", "Fenwick", "returning books"])
		assert.ok(!text.includes(name), `${name} is on the board`);
	await checkPage(page, "board");
	// It follows the queue by itself, without reloading the page.
	await page.evaluate(() => { window.notReloaded = true; });
	const walkIn = await desk.api("POST", "/api/v1/branches/KOS/visits", token,
		{ channel: "in_person" });
	assert.equal(walkIn.status, 201);
	await page.waitForSelector(`ol.tickets li:text('${walkIn.body.ticket}')`, { timeout: 15000 });
	assert.equal(await page.evaluate(() => window.notReloaded), true, "the board reloaded");
});

test("a caller asked to hold is picked up when the desk is done, and the desk says so", async () => {
	const front = await openDesk("kos.front");
	const said = () => front.textContent("#desk-said");
	// Clear the line the tests before left: one customer at a time, so finish first.
	const q0 = await desk.api("GET", "/api/v1/branches/KOS/queue", token);
	for (const v of q0.body.serving)
		await desk.api("POST", `/api/v1/visits/${v.id}/finish`, token, {});
	for (;;) {
		const n = await desk.api("POST", "/api/v1/branches/KOS/next", token, {});
		if (n.status === 204) break;
		await desk.api("POST", `/api/v1/visits/${n.body.id}/finish`, token, {});
	}
	// A customer in the library is being served when the phone rings.
	await front.click("#walk-in");
	// The desk posts in the background: "Serve next" waits until the walk-in is in line.
	await front.waitForFunction(() => /^Ticket A\d+ added/
		.test(document.getElementById("desk-said").textContent));
	await front.click("#next");
	await front.waitForFunction(() => document.getElementById("desk-said").textContent
		.startsWith("Now serving A"));
	await front.click("#phone-call");
	await front.waitForFunction(() => /^Caller added as P\d+\.$/
		.test(document.getElementById("desk-said").textContent));
	const caller = (await said()).match(/P\d+/)[0];
	const row = front.locator(`#queue li.visit:has(.ticket:text-is('${caller}'))`);
	await row.locator("button:text('Ask to hold')").click();
	await front.waitForFunction((t) => document.getElementById("desk-said").textContent ===
		`${t} is on hold: take them back with Back from hold when you are free.`, caller);
	// Walk-ins come meanwhile.
	await new Promise((r) => setTimeout(r, 1100));
	// Each waits for its own ticket: the one before said the same words with another number.
	for (let i = 0, before = await said(); i < 2; i++) {
		await front.click("#walk-in");
		await front.waitForFunction((b) => {
			const t = document.getElementById("desk-said").textContent;
			return t !== b && /^Ticket A\d+ added: tell the customer their number\.$/.test(t);
		}, before);
		before = await said();
	}
	// Serve next says it takes the caller, and why; the caller's row says the same; Back from
	// hold waits for the customer being served.
	assert.equal(await front.textContent("#next"), `Serve next: ${caller}`);
	assert.match(await front.textContent("#next-why"), /asked to hold before the customers now waiting/);
	// The queue is redrawn from the branch's stream: the second walk-in may land a moment later.
	await row.locator(".turn", { hasText: /before the 2 customers/ }).waitFor({ timeout: 3000 });
	assert.match(await row.locator(".turn").textContent(), /^Picked up next: asked to hold before the 2 customers/);
	assert.match(await row.locator(".hint").textContent(), /^Serve once you have finished with A\d+$/);
	assert.match(await front.textContent("#next-busy"),
		/^You are serving A\d+: finish with them before serving the next\.$/);
	await front.screenshot({ path: (process.env.SCREENSHOTS || "build/screenshots") +
		"/desk-caller-on-hold.png", fullPage: true });
	await checkPage(front, "desk-caller-on-hold");
	// Done with the customer in the library: Back from hold serves the caller.
	await front.locator("#queue li.visit:has(.served-by) button:text('Finish')").click();
	await row.locator("button:text('Back from hold')").click();
	await front.waitForFunction((t) => document.getElementById("desk-said").textContent ===
		`Now serving ${t}, back from hold.`, caller);
	// Asked to hold once more and back: the caller is served again, never sent down the line.
	await row.locator("button:text('Ask to hold')").click();
	await row.locator("button:text('Back from hold')").waitFor();
	await row.locator("button:text('Back from hold')").click();
	await front.waitForFunction((t) => document.getElementById("desk-said").textContent ===
		`Now serving ${t}, back from hold.`, caller);
	const q = await desk.api("GET", "/api/v1/branches/KOS/queue", token);
	assert.deepEqual(q.body.serving.map((v) => v.ticket), [caller]);
	// Serving them, the desk may not take a walk-in: it says whom to finish with first.
	await front.click("#next");
	await front.waitForSelector("#desk-status:not([hidden])");
	assert.match(await front.textContent("#desk-status"),
		new RegExp(`^You are serving ${caller}: ask the caller to hold, or finish with them, before you serve A\\d+\\.$`));
	await front.screenshot({ path: (process.env.SCREENSHOTS || "build/screenshots") +
		"/desk-one-at-a-time.png", fullPage: true });
});
