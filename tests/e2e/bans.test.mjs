// Bans known at every branch, in Debian's chromium: Kos's branch manager issues a building ban
// from the customer's page; Carthage's desk page, already open, shows the alert within a second
// without a reload; Carthage looks the customer up (as one types, the Find page and the
// customer's page) and sees the ban with Kos by name. Every page is checked and screenshotted.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "desk password 2026";
const CARD = "21170000300011";
let desk, browser, kos, car, incident;

async function open(user) {
	const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
		bypassCSP: true });
	const page = await context.newPage();
	await login(page, desk.base, user, PASSWORD);
	return page;
}

before(async () => {
	desk = new Desk();
	desk.cli(["init"]);
	for (const [code, name] of [["KOS", "Kos Branch"], ["CAR", "Carthage Branch"]])
		desk.cli(["branch", "add", code, "--name", name, "--hours", "mon-sun 00:00-24:00"]);
	for (const [login, name, role, branch] of [
		["kos.manager", "Martha Luckett", "branch_manager", "KOS"],
		["car.staff", "Keisha Barnes", "staff", "CAR"]])
		desk.cli(["user", "add", login, "--name", name, "--role", role, "--branch", branch,
			"--password-stdin"], PASSWORD + "\n");
	await desk.start();
	const manager = desk.cli(["token", "create", "kos.manager"]).trim();
	const staff = desk.cli(["token", "create", "car.staff"]).trim();
	assert.equal((await desk.api("POST", "/api/v1/duty", manager, { branch: "KOS" })).status, 200);
	assert.equal((await desk.api("POST", "/api/v1/duty", staff, { branch: "CAR" })).status, 200);
	assert.equal((await desk.api("POST", "/api/v1/customers", staff,
		{ card: CARD, name: "Rex Morton" })).status, 201);
	// The ban cites the incident report opened for it (CS-INCIDENT).
	const report = await desk.api("POST", "/api/v1/incidents", manager, {
		branch: "KOS", occurred_at: new Date(Date.now() - 5 * 60000).toISOString()
			.replace(/\.\d+Z$/, "Z"),
		category: "threat", narrative: "Shouted threats at the desk." });
	assert.equal(report.status, 201, JSON.stringify(report.body));
	incident = report.body.id;
	browser = await launch();
	kos = await open("kos.manager");
	car = await open("car.staff");
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

test("a building ban issued at Kos reaches Carthage's open desk live", async () => {
	await car.goto(desk.base + "/desk/CAR");
	await car.waitForSelector("#bans[data-live='1']", { state: "attached", timeout: 5000 });
	assert.equal(await car.locator("#bans").textContent(), "");
	await car.evaluate(() => { window.notReloaded = true; });

	await kos.goto(desk.base + "/customers?q=rex");
	await Promise.all([kos.waitForNavigation(), kos.click("a:has-text('Rex Morton')")]);
	await checkPage(kos, "bans-customer-before");
	await kos.selectOption("#scope", "building");
	await kos.fill("#reason", "Threatened staff at the desk");
	await kos.selectOption("#incident", String(incident)); // chosen from the latest reports
	await Promise.all([kos.waitForNavigation(), kos.click("button:has-text('Issue the ban')")]);
	const flag = await kos.locator("p.flag.ban").textContent();
	assert.match(flag, /^Building ban issued at Kos Branch on [A-Z][a-z]{2} \d+, until /);
	await checkPage(kos, "bans-customer-issued");

	const issued = Date.now();
	await car.waitForSelector("#bans .ban-alert", { timeout: 3000 });
	const took = Date.now() - issued;
	assert.ok(took < 1000, `the alert took ${took} ms`);
	assert.equal(await car.evaluate(() => window.notReloaded), true, "the desk reloaded");
	assert.match(await car.locator("#bans li").textContent(),
		/^Building ban in force: Rex Morton — issued at Kos Branch on [A-Z][a-z]{2} \d+, until /);
	await checkPage(car, "bans-car-desk-alert");
});

test("Carthage looks the customer up and sees the ban with Kos by name", async () => {
	await car.goto(desk.base + "/customers");
	await car.fill("#q", "rex mor");
	await car.waitForSelector("#suggestions a");
	assert.match(await car.locator("#suggestions a").first().textContent(),
		/Rex Morton · card \d+ · Building ban in force \(issued at Kos Branch on .*\): ask the person in charge/);
	await checkPage(car, "bans-car-suggestions");
	await Promise.all([car.waitForNavigation(), car.click("button:has-text('Find')")]);
	assert.match(await car.locator("ul.found .flag.ban").textContent(),
		/^Building ban in force \(issued at Kos Branch on /);
	await checkPage(car, "bans-car-found");
	await Promise.all([car.waitForNavigation(), car.click("ul.found a:has-text('Rex Morton')")]);
	assert.match(await car.locator("p.flag.ban").textContent(),
		/^Building ban issued at Kos Branch on /);
	// Carthage's staff issue no bans: the form is not offered.
	assert.equal(await car.locator("button:has-text('Issue the ban')").count(), 0);
	await checkPage(car, "bans-car-customer");
});

test("checking the customer in at Carthage says the ban", async () => {
	await car.goto(desk.base + "/desk/CAR");
	await car.fill("#card", CARD);
	await car.click("#walk-in");
	await car.waitForSelector("#queue .visit .flag.ban");
	assert.match(await car.locator("#desk-said").textContent(),
		/^Building ban in force \(issued at Kos Branch on .*\): fetch the person in charge before serving\. Ticket A1 added\.$/);
	await checkPage(car, "bans-car-checked-in");
});
