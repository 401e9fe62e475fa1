// Finding a customer, as the desk does it in Debian's chromium: a request taken without a
// card, the customer found by name (as one types, and by the Find button without waiting),
// linked to the request in one click, and their page as the desk and as the branch manager
// see it (history and who read the record for the manager only: CS-NOBIAS, CS-CONFIDENTIAL).
// Every page on the way is checked with axe-core and screenshotted.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "desk password 2026";
let desk, browser, page, requestId;

before(async () => {
	desk = new Desk();
	desk.cli(["init"]);
	desk.cli(["branch", "add", "KOS", "--name", "Kosciusko-Attala Library",
		"--hours", "mon-sun 00:00-24:00"]);
	for (const [login, name, role] of [["kos.staff", "Lisa Fenwick", "staff"],
		["kos.manager", "Martha Luckett", "branch_manager"]])
		desk.cli(["user", "add", login, "--name", name, "--role", role, "--branch", "KOS",
			"--password-stdin"], PASSWORD + "\n");
	await desk.start();
	const staff = desk.cli(["token", "create", "kos.staff"]).trim();
	assert.equal((await desk.api("POST", "/api/v1/duty", staff, { branch: "KOS" })).status, 200);
	for (const [card, name, phone] of [["21170000100017", "Loretta Pickens", "662-289-0101"],
		["21170000100025", "Lorenzo Pike", "662-289-0144"],
		["21170000100033", "Ada Loring", ""]])
		assert.equal((await desk.api("POST", "/api/v1/customers", staff,
			{ card, name, phone })).status, 201);
	browser = await launch();
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	page = await context.newPage();
	await login(page, desk.base, "kos.staff", PASSWORD);
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

async function submit(selector, p = page) {
	await Promise.all([p.waitForNavigation(), p.click(selector)]);
}

test("a request taken without a card offers to find the customer", async () => {
	await page.goto(desk.base + "/desk/KOS/requests");
	await page.selectOption("#kind", "material");
	await page.fill("#text", "The new Mississippi cookbook");
	await submit("button:has-text('Take the request')");
	requestId = page.url().match(/\/requests\/(\d+)$/)[1];
	assert.equal(await page.textContent("#customer"), "No customer linked");
	await checkPage(page, "customer-request-unlinked");
});

test("a customer found by name and linked to a request", async () => {
	await page.fill("#fq", "lor pic");
	await submit("button:has-text('Find the customer')");
	// Words begin words of the name, in any order: Loretta Pickens, not Lorenzo Pike.
	const found = await page.locator("ul.found li").allTextContents();
	assert.equal(found.length, 1, found.join(" | "));
	assert.match(found[0], /Loretta Pickens · card 21170000100017/);
	// As one types, the matches are listed under the field, and Down reaches them.
	await page.fill("#q", "");
	await page.type("#q", "lor", { delay: 40 });
	await page.waitForFunction(() =>
		document.querySelectorAll("#suggestions a").length === 3);
	const suggested = await page.locator("#suggestions a").allTextContents();
	assert.deepEqual(suggested.map((s) => s.split(" · ")[0]),
		["Ada Loring", "Lorenzo Pike", "Loretta Pickens"]);
	await page.press("#q", "ArrowDown");
	assert.equal(await page.evaluate(() => document.activeElement.textContent.split(" · ")[0]),
		"Ada Loring");
	await checkPage(page, "customer-found");
	await submit(`button:has-text('Link Loretta Pickens to request ${requestId}')`);
	assert.ok(page.url().endsWith(`/requests/${requestId}`), page.url());
	assert.equal(await page.textContent("#customer"), "Loretta Pickens");
	assert.equal(await page.locator("form[action='/customers']").count(), 0); // linked now
	await checkPage(page, "customer-request-linked");
	// Back in the search the request came from: it has its customer, so no second "Link".
	await page.goto(desk.base + `/customers?q=Pickens&request=${requestId}`);
	assert.equal(await page.locator("ul.found li").count(), 1);
	assert.equal(await page.locator("button:has-text('Link')").count(), 0);
	assert.match(await page.textContent("main"), new RegExp(`Request ${requestId} already has`));
	await page.goto(desk.base + `/requests/${requestId}`);
	await submit("#customer");
	assert.match(await page.textContent("h1"), /Loretta Pickens/);
	assert.match(await page.textContent("main"), /662-289-0101/);
	assert.match(await page.textContent("main"), /Restrictions in force/);
	assert.doesNotMatch(await page.textContent("main"), /Who read this record/);
	await checkPage(page, "customer-page-desk");
});

test("nobody found: registered from the search, landing on the new customer", async () => {
	await page.goto(desk.base + "/customers?q=Nora+Quill");
	assert.match(await page.textContent("main"), /Nobody found/);
	assert.equal(await page.inputValue("#rname"), "Nora Quill");
	await page.fill("#rcard", "21170000300019");
	await checkPage(page, "customer-register");
	await submit("button:has-text('Register')");
	assert.match(page.url(), /\/customers\/\d+$/);
	assert.match(await page.textContent("h1"), /Nora Quill/);
});

test("the branch manager sees the history and who read the record", async () => {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	const manager = await context.newPage();
	await login(manager, desk.base, "kos.manager", PASSWORD);
	await manager.goto(desk.base + "/customers?q=21170000100017");
	await submit("ul.found a", manager);
	const text = await manager.innerText("main");
	assert.match(text, new RegExp(`Request ${requestId}: `));
	assert.match(text, /Who read this record/);
	assert.match(text, /Lisa Fenwick\s+found by search/);
	assert.match(text, /Lisa Fenwick\s+linked them to a request/);
	await checkPage(manager, "customer-page-manager");
	await context.close();
});
