// The desk's main flows as staff work them, in Debian's chromium: log in, clock on, a walk-in
// and a phone call (the walk-in served first: CS-INPERSON), a callback, a request followed
// through (CS-ALT, CS-REFER), a volunteer sent to fetch the person in charge (CS-DIFFICULT),
// an injury incident through to signing (CS-INCIDENT, CS-INSURANCE), the handbook (CS-KNOW),
// and clocking off with work in hand.
// Every page on the way is checked with axe-core (no serious or critical violation) and
// screenshotted into build/screenshots/.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "desk password 2026";
let desk, browser, page;
const checked = [];

before(async () => {
	desk = new Desk();
	desk.cli(["init"]);
	desk.cli(["branch", "add", "HQ", "--name", "MMRLS Headquarters", "--headquarters"]);
	desk.cli(["branch", "add", "KOS", "--name", "Kosciusko-Attala Library",
		"--hours", "mon-sun 00:00-24:00"]);
	desk.cli(["policy", "import", path.resolve("docs/handbook/customer-service.md")]);
	for (const [login, name, role, branch] of [
		["kos.staff", "Lisa Fenwick", "staff", "KOS"],
		["kos.manager", "Martha Luckett", "branch_manager", "KOS"],
		["kos.vol", "Eddie Coleman", "volunteer", "KOS"],
		["coordinator", "Angela Pruitt", "branch_services_coordinator", "HQ"],
		["business", "Raymond Ellis", "business_manager", "HQ"],
		["director", "Sheila Whitaker", "executive_director", "HQ"]])
		desk.cli(["user", "add", login, "--name", name, "--role", role, "--branch", branch,
			"--email", `${login}@mmrls.example`, "--password-stdin"], PASSWORD + "\n");
	await desk.start();
	// The branch manager is in charge today (CS-INCHARGE).
	const manager = desk.cli(["token", "create", "kos.manager"]).trim();
	assert.equal((await desk.api("POST", "/api/v1/duty", manager, { branch: "KOS" })).status, 200);
	browser = await launch();
	// axe-core is injected into each page, so the pages' own CSP is bypassed for the test.
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	page = await context.newPage();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

async function check(name, p = page) {
	await checkPage(p, name);
	checked.push(name);
}

async function submit(selector, p = page) {
	await Promise.all([p.waitForNavigation(), p.click(selector)]);
}

test("log in and clock on at the branch", async () => {
	await page.goto(desk.base + "/login");
	await check("login");
	await login(page, desk.base, "kos.staff", PASSWORD);
	await page.goto(desk.base + "/desk/KOS");
	await submit("button:has-text('Clock on here')");
	await page.waitForSelector("#queue[data-live='1']");
	assert.match(await page.textContent("main"), /Martha Luckett/); // in charge
	await check("desk");
});

test("a walk-in is served before an earlier phone caller, who gets a callback", async () => {
	// Desk actions update the page in place: this mark would be gone after a reload.
	await page.evaluate(() => { window.notReloaded = true; });
	await page.click("#phone-call");
	await page.waitForSelector("#queue li.visit");
	await page.fill("#note", "Needs a tax form");
	await page.click("#walk-in");
	await page.waitForFunction(() => document.querySelectorAll("#queue li.visit").length === 2);
	// The intake form is ready again once the desk's own answer lands (the live update may
	// redraw the queue a moment before it).
	await page.waitForFunction(() => document.getElementById("note").value === "",
		null, { timeout: 2000 });
	// What happened, in words to pass on, on the polite status line (not an alert).
	const ticket = await page.locator("#queue li.visit:has-text('tax form') .ticket").textContent();
	await page.waitForFunction((t) => document.getElementById("desk-said").textContent ===
		`Ticket ${t} added: tell the customer their number.`, ticket, { timeout: 2000 });
	assert.equal(await page.getAttribute("#desk-said", "role"), "status");
	// CS-INPERSON: the caller is not offered Serve while the walk-in waits; the row says why.
	const caller = page.locator("#queue li.visit:has-text('Phone caller')");
	assert.equal(await caller.locator("button:has-text('Serve')").count(), 0);
	assert.match(await caller.locator(".turn").textContent(),
		/After the 1 customer waiting in the library: ask the caller to hold, or offer a callback \(CS-INPERSON\)/);
	// A move the server refuses all the same (a desk out of date) says why on the page.
	await caller.evaluate((li) => {
		const form = li.querySelector("form[action$='/hold']").cloneNode(true);
		form.action = form.action.replace(/hold$/, "start");
		li.append(form);
		form.requestSubmit();
	});
	await page.waitForSelector("#desk-status:not([hidden])");
	assert.match(await page.textContent("#desk-status"), /CS-INPERSON/);
	assert.doesNotMatch(await page.textContent("#desk-status"), /did not work/);
	// A card number that is not one: the message sits beside the card box, what was typed
	// stays, and nothing joins the queue.
	await page.fill("#card", "no card!");
	await page.fill("#note", "Returns a laptop");
	await page.click("#walk-in");
	await page.waitForSelector("#card + #field-error, label:has(#card) + #field-error");
	assert.equal(await page.inputValue("#card"), "no card!");
	assert.equal(await page.inputValue("#note"), "Returns a laptop");
	assert.equal(await page.locator("#queue li.visit").count(), 2);
	await page.fill("#card", "");
	await page.fill("#note", "");
	await page.click("#rove"); // a move that works clears the mark
	await page.waitForSelector("#field-error", { state: "detached" });
	await page.waitForSelector("#card:not([aria-invalid])");
	assert.equal(await page.textContent("#next"), `Serve next: ${ticket}`);
	await page.click("#next");
	await page.waitForSelector("#queue h3:has-text('Being served') + ul li:has-text('tax form')");
	await page.waitForFunction((t) => document.getElementById("desk-said").textContent ===
		`Now serving ${t}.`, ticket, { timeout: 2000 });
	// The refusal is cleared by the next move that works (its answer may land just after the
	// live update has redrawn the queue).
	await page.waitForSelector("#desk-status", { state: "hidden", timeout: 2000 });
	// The phone caller is still waiting; promise them a callback.
	const callback = page.locator("form.callback").first();
	await callback.locator("input[name=phone]").fill("662-555-0142");
	await callback.locator("button").click();
	await page.waitForSelector("#queue h3:has-text('Callbacks')");
	await page.click("#rove");
	await page.waitForSelector("section.day:has-text('Roving help today: 2')");
	assert.equal(await page.evaluate(() => window.notReloaded), true);
	await check("desk-with-queue");
});

test("a request gets an alternative and is referred to the person in charge", async () => {
	await page.goto(desk.base + "/desk/KOS/requests");
	await page.selectOption("#kind", "material");
	await page.fill("#text", "The 2025 Mississippi tax guide in large print");
	await submit("button:has-text('Take the request')");
	await check("request");
	await page.selectOption("#akind", "interlibrary_loan");
	await page.fill("#anote", "From the state library");
	await submit("button:has-text('Record the offer')");
	assert.match(await page.textContent("main"), /interlibrary loan/i);
	await submit("button:has-text('Refer')");
	assert.match(await page.textContent("main"), /Martha Luckett/);
	await check("request-referred");
});

test("a volunteer trying to take a complaint is told whom to fetch", async () => {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	const vol = await context.newPage();
	await login(vol, desk.base, "kos.vol", PASSWORD);
	await vol.goto(desk.base + "/desk/KOS/complaints");
	// No form to take it: the page says whom to fetch, and why.
	assert.equal(await vol.locator("#ctext").count(), 0);
	const text = await vol.textContent("main");
	assert.match(text, /CS-DIFFICULT/);
	assert.match(text, /Martha Luckett/);
	await check("complaint-refused", vol);
	await context.close();
});

test("a volunteer fetches the person in charge, whose desk shows it at once", async () => {
	const volToken = desk.cli(["token", "create", "kos.vol"]).trim();
	assert.equal((await desk.api("POST", "/api/v1/duty", volToken, { branch: "KOS" })).status, 200);
	// The person in charge has her desk open; it follows the branch's events.
	const mgrContext = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	const mgr = await mgrContext.newPage();
	await login(mgr, desk.base, "kos.manager", PASSWORD);
	await mgr.goto(desk.base + "/desk/KOS");
	await mgr.waitForSelector("#queue[data-live='1']", { timeout: 5000 });
	await mgr.evaluate(() => { window.notReloaded = true; });

	const volContext = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	const vol = await volContext.newPage();
	await login(vol, desk.base, "kos.vol", PASSWORD);
	await vol.goto(desk.base + "/desk/KOS");
	// A volunteer's one action for a difficult case, named in plain words.
	assert.equal(await vol.locator("a:has-text('Incident reports')").count(), 0);
	await Promise.all([vol.waitForNavigation(),
		vol.click("a.button:has-text('Fetch the person in charge')")]);
	assert.match(await vol.textContent("#fetch"), /Martha Luckett/);
	await vol.selectOption("#fabout", "situation");
	await vol.fill("#fnote", "A man is shouting at the computers");
	await Promise.all([vol.waitForNavigation(), vol.click("#fetch-now")]);
	assert.match(await vol.textContent("main"), /asked to come/);
	await check("fetch-asked", vol);

	// Her desk shows the call within seconds, naming her, without reloading.
	await mgr.waitForSelector(".fetch-alerts li.fetch-me", { timeout: 5000 });
	const alert = await mgr.textContent(".fetch-alerts");
	assert.match(alert, /Eddie Coleman/);
	assert.match(alert, /shouting at the computers/);
	assert.equal(await mgr.evaluate(() => window.notReloaded), true, "the desk reloaded");
	await check("fetch-alert", mgr);
	// She answers it, and it leaves the desks.
	await mgr.click(".fetch-alerts button:has-text('I am here')");
	await mgr.waitForSelector(".fetch-alerts", { state: "detached", timeout: 5000 });
	await volContext.close();
	await mgrContext.close();
});

test("an injury incident is reported to HQ and signed", async () => {
	await page.goto(desk.base + "/desk/KOS/incidents");
	await check("incidents");
	await page.selectOption("#icat", "injury");
	await page.fill("#inarr", "A customer slipped on the wet floor by the entrance and hurt a wrist.");
	await submit("button:has-text('Start the report')");
	// CS-INSURANCE: the instruction is on the form.
	assert.match(await page.textContent("main"), /Business Manager/);
	await check("incident-draft");
	await page.selectOption("#hqby", "coordinator");
	await submit("form[action$='/hq-notified'] button");
	await submit("form[action$='/business-manager-contacted'] button");
	// A misspelt name is refused on the same page: the name typed stays in its box and the
	// message sits beside it, with the box focused for the correction.
	await page.fill("#sname", "Lisa Fenwik");
	await submit("form[action$='/sign'] button");
	assert.equal(await page.inputValue("#sname"), "Lisa Fenwik");
	assert.match(await page.textContent("#field-error"), /your own name, Lisa Fenwick/);
	assert.equal(await page.evaluate(() => document.activeElement.id), "sname");
	assert.equal(await page.evaluate(() =>
		document.getElementById("sname").nextElementSibling.id), "field-error");
	assert.match(await page.textContent(".refusal"), /your own name/);
	await check("incident-sign-refused");
	await page.fill("#sname", "Lisa Fenwick");
	await submit("form[action$='/sign'] button");
	assert.match(await page.textContent("main"), /[Ss]igned/);
	await check("incident-signed");
});

test("the desk is worked from the keyboard, with the focus always visible", async () => {
	await page.goto(desk.base + "/desk/KOS");
	await page.waitForSelector("#queue[data-live='1']");
	const seen = [];
	for (let i = 0; i < 60 && seen.at(-1) !== "walk-in"; i++) {
		await page.keyboard.press("Tab");
		const f = await page.evaluate(() => {
			const e = document.activeElement, st = getComputedStyle(e);
			return { id: e.id, tag: e.tagName, outline: st.outlineStyle,
				width: parseFloat(st.outlineWidth) };
		});
		assert.ok(f.outline !== "none" && f.width >= 2, `no visible focus on ${f.tag}#${f.id}`);
		seen.push(f.id);
	}
	assert.ok(seen.includes("rove") && seen.includes("card") && seen.includes("walk-in"),
		seen.join(" "));
	// Enter on the focused button takes a walk-in in, and the focus stays on it.
	const before = await page.locator("#queue li.visit").count();
	await page.keyboard.press("Enter");
	await page.waitForFunction((n) => document.querySelectorAll("#queue li.visit").length === n + 1,
		before);
	assert.equal(await page.evaluate(() => document.activeElement.id), "walk-in");
});

test("the pages fit a 1024x768 desk screen, a tablet and 200% zoom", async () => {
	const state = await page.context().storageState();
	for (const [name, width, height, scale] of [["1024x768", 1024, 768, 1],
		["tablet", 768, 1024, 1], ["zoom200", 640, 450, 2]]) {
		const context = await browser.newContext({ viewport: { width, height },
			deviceScaleFactor: scale, storageState: state, bypassCSP: true });
		const p = await context.newPage();
		for (const [page_, url] of [["desk", "/desk/KOS"], ["requests", "/desk/KOS/requests"],
			["incidents", "/desk/KOS/incidents"], ["figures", "/reports/KOS"]]) {
			await p.goto(desk.base + url);
			const overflow = await p.evaluate(() =>
				document.documentElement.scrollWidth - window.innerWidth);
			assert.ok(overflow <= 0, `${url} scrolls sideways by ${overflow}px at ${name}`);
			await check(`${page_}-${name}`, p);
		}
		await context.close();
	}
});

test("the handbook answers a search from the header", async () => {
	await page.fill("header input[name=q]", "telephone");
	await Promise.all([page.waitForNavigation(), page.press("header input[name=q]", "Enter")]);
	assert.ok(await page.locator("ol.hits li").count() > 0);
	await check("handbook");
});

test("clocking off with a callback in hand lists it and hands it over with a note", async () => {
	// The callback promised earlier is still kos.staff's to make.
	await page.goto(desk.base + "/desk/KOS");
	await submit("button:has-text('Clock off')");
	assert.match(await page.textContent("h1"), /Before you clock off/);
	assert.match(await page.textContent("#held"), /662-555-0142/);
	await check("handover");
	await page.fill("#note", "Mr Jones wants the tax form read to him; call after lunch");
	await submit("button:has-text('Hand over and clock off')");
	await page.waitForSelector("button:has-text('Clock on here')");
	const manager = desk.cli(["token", "create", "kos.manager"]).trim();
	const held = await desk.api("GET", "/api/v1/duty/held", manager);
	assert.equal(held.body.callbacks.length, 1, JSON.stringify(held.body));
	assert.match(held.body.received[0].note, /Mr Jones/);
	assert.equal(checked.length, 26, checked.join(" "));
});
