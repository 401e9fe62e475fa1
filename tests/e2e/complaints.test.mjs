// Complaints on the web and the pickers: the branch manager records a complaint, sees it in
// the list with its day, taker and status, and resolves it from its page; a staff member sees
// no resolve form; whom at Headquarters took an incident's call is picked from Headquarters'
// people, with its phone number beside. Every page is checked (axe-core, plain words).
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "complaint password 2026";
let desk, browser, page;

before(async () => {
	desk = new Desk();
	desk.cli(["init"]);
	desk.cli(["branch", "add", "HQ", "--name", "MMRLS Headquarters", "--headquarters",
		"--phone", "662-289-5151"]);
	desk.cli(["branch", "add", "KOS", "--name", "Kosciusko-Attala Library",
		"--hours", "mon-sun 00:00-24:00"]);
	for (const [login, name, role, branch] of [
		["kos.manager", "Martha Luckett", "branch_manager", "KOS"],
		["kos.staff", "Lisa Fenwick", "staff", "KOS"],
		["coordinator", "Angela Pruitt", "branch_services_coordinator", "HQ"],
		["director", "Sheila Whitaker", "executive_director", "HQ"]])
		desk.cli(["user", "add", login, "--name", name, "--role", role, "--branch", branch,
			"--email", `${login}@mmrls.example`, "--password-stdin"], PASSWORD + "\n");
	await desk.start();
	for (const who of ["kos.manager", "kos.staff"]) {
		const token = desk.cli(["token", "create", who]).trim();
		assert.equal((await desk.api("POST", "/api/v1/duty", token, { branch: "KOS" })).status,
			200);
	}
	browser = await launch();
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 },
		bypassCSP: true });
	page = await context.newPage();
	await login(page, desk.base, "kos.manager", PASSWORD);
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

async function submit(selector, p = page) {
	await Promise.all([p.waitForNavigation(), p.click(selector)]);
}

test("the witness is picked by name from those on duty", async () => {
	await page.goto(desk.base + "/desk/KOS/complaints");
	const witnesses = await page.locator("#witness option").allTextContents();
	assert.deepEqual(witnesses, ["Nobody else", "Lisa Fenwick (Staff)"]);
	await checkPage(page, "complaints-forms");
});

test("a complaint is recorded, listed and resolved from its page", async () => {
	await page.fill("#ctext", "The holds shelf lost my book twice");
	await submit("button:has-text('Record the complaint')");
	const where = new URL(page.url()).pathname;
	assert.match(where, /^\/complaints\/\d+$/);
	await checkPage(page, "complaint-open");
	await page.fill("#resolution", "Found it in the returns cart; apologised and held it.");
	await submit("button:has-text('Mark it resolved')");
	assert.equal(new URL(page.url()).pathname, where);
	assert.match(await page.textContent("#resolved"),
		/Resolved .*\d{1,2}:\d\d [ap]m: Found it in the returns cart/);
	assert.equal(await page.locator("#resolution").count(), 0);
	await checkPage(page, "complaint-resolved");
	await page.goto(desk.base + "/desk/KOS/complaints");
	const row = await page.textContent(`#complaints tr:has(a[href="${where}"])`);
	assert.match(row, /\d{1,2}:\d\d [ap]m/);
	assert.match(row, /Martha Luckett/);
	assert.match(row, /Resolved/);
	await checkPage(page, "complaints-list");
});

test("a staff member reads a complaint but is offered no resolve form", async () => {
	await submitComplaint("No quiet room for studying");
	const where = new URL(page.url()).pathname;
	const context = await browser.newContext({ viewport: { width: 1366, height: 768 },
		bypassCSP: true });
	const staff = await context.newPage();
	await login(staff, desk.base, "kos.staff", PASSWORD);
	await staff.goto(desk.base + where);
	assert.match(await staff.textContent("main"), /No quiet room for studying/);
	assert.equal(await staff.locator("#resolve").count(), 0);
	await checkPage(staff, "complaint-staff");
	await context.close();
});

async function submitComplaint(text) {
	await page.goto(desk.base + "/desk/KOS/complaints");
	await page.fill("#ctext", text);
	await submit("button:has-text('Record the complaint')");
}

test("who at Headquarters took the call is picked, with Headquarters' phone shown", async () => {
	await page.goto(desk.base + "/desk/KOS/incidents");
	await page.selectOption("#icat", "injury");
	await page.fill("#inarr", "A patron slipped on the wet entrance mat.");
	await submit("button:has-text('Start the report')");
	// Nobody is chosen for the reader: the picker starts at "Choose…".
	const people = await page.locator("#hqby option").allTextContents();
	assert.deepEqual(people, ["Choose…", "Angela Pruitt (Branch Services Coordinator)",
		"Sheila Whitaker (Executive Director)"]);
	assert.match(await page.textContent("#hqby-phone"), /662-289-5151/);
	await checkPage(page, "incident-hq-call");
	await page.selectOption("#hqby", "director");
	await submit("button:has-text('Record the verbal report')");
	assert.match(await page.textContent("main"), /Verbal report to Headquarters\s*Taken by Sheila Whitaker/);
});
