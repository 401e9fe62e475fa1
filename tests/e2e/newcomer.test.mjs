// A newcomer's first look, as `make run` gives it whatever the day: Kosciusko's desk living,
// work waiting on the Assistant Librarian's desk, the People page adding someone, the favicon.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";
let desk, browser, printed;

before(async () => {
	desk = new Desk();
	printed = desk.cli(["demo", "--if-new"]);
	await desk.start();
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

async function pageAs(user) {
	const page = await browser.newPage({ viewport: { width: 1366, height: 768 }, bypassCSP: true });
	await login(page, desk.base, user, "frontdesk-demo");
	return page;
}

test("the printed logins end cleanly and name the board", () => {
	assert.ok(printed.endsWith("\n\n"), "the list would run into the server's log");
	assert.match(printed, /\/board\/KOS/);
});

test("the suggested login finds a living desk at Kosciusko, whatever the day", async () => {
	const page = await pageAs("kos.staff");
	await page.goto(desk.base + "/desk/KOS");
	const text = await page.textContent("main");
	assert.match(text, /Opened at .* by Martha Luckett/);
	assert.match(text, /On hold/);
	assert.ok(await page.locator("#next").count(), "a Serve next button for the line");
	assert.doesNotMatch(text, /0 waiting/);
	await checkPage(page, "newcomer-desk");
	await page.close();
});

test("the Assistant Librarian has the referred request on her desk", async () => {
	const page = await pageAs("kos.assistant");
	await page.goto(desk.base + "/requests");
	assert.match(await page.textContent("main"), /out-of-print county history/);
	await checkPage(page, "newcomer-assistant-requests");
	await page.close();
});

test("the Executive Director adds a person on the People page", async () => {
	const page = await pageAs("director");
	await Promise.all([page.waitForNavigation(), page.click("a.nav[href='/admin/users']")]);
	await page.click("summary:has-text('Add a person')"); // folded away above the list
	await page.fill("#ulogin", "kos.newhire");
	await page.fill("#uname", "Dana Newhire");
	await page.selectOption("#urole", "staff");
	await page.selectOption("#ubranch", "KOS");
	await page.fill("#upassword", "a long enough password 42");
	await Promise.all([page.waitForNavigation(), page.click("button:has-text('Add the person')")]);
	const row = page.locator("#user-kos\\.newhire");
	assert.match(await row.textContent(), /Dana Newhire.*Staff.*Kosciusko-Attala Library.*Active/);
	await checkPage(page, "people-hq");
	// Deactivated, after ticking the box that confirms it, and brought back from the same row.
	await row.locator("summary:has-text('Deactivate')").click();
	await row.locator("input[name=confirm]").check();
	await checkPage(page, "people-deactivate-confirm");
	await Promise.all([page.waitForNavigation(), row.locator("button:has-text('Deactivate')").click()]);
	assert.match(await row.textContent(), /Deactivated/);
	await Promise.all([page.waitForNavigation(), row.locator("button:has-text('Reactivate')").click()]);
	assert.match(await row.textContent(), /Active/);
	await page.close();

	// The new person logs in with the password given on the page.
	const newhire = await browser.newPage({ bypassCSP: true });
	await login(newhire, desk.base, "kos.newhire", "a long enough password 42");
	assert.match(await newhire.textContent("header"), /Dana Newhire/);
	await newhire.close();
});

test("a branch manager sees her own branch's people and no promotions", async () => {
	const page = await pageAs("kos.manager");
	await page.goto(desk.base + "/admin/users");
	const text = await page.textContent("main");
	assert.match(text, /Tommy Ray Hodges/);
	assert.doesNotMatch(text, /Donna Massey/); // Carthage's manager
	assert.equal(await page.locator("form[action$='/change']").count(), 0);
	await checkPage(page, "people-branch-manager");
	await page.close();
	const staff = await pageAs("kos.staff");
	assert.equal(await staff.locator("a.nav[href='/admin/users']").count(), 0);
	await staff.close();
});

test("every page links the favicon, and /favicon.ico answers", async () => {
	const page = await pageAs("kos.staff");
	const href = await page.getAttribute("link[rel=icon]", "href");
	const icon = await fetch(desk.base + href);
	assert.equal(icon.status, 200);
	assert.match(icon.headers.get("content-type"), /image\/svg\+xml/);
	const ico = await fetch(desk.base + "/favicon.ico");
	assert.equal(ico.status, 200);
	assert.match(await ico.text(), /<svg/);
	await page.close();
});
