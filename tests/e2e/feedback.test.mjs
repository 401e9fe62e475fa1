// "How was your visit today?" on a phone (390×844, touch): the desk finishes a visit and
// offers its QR card, the customer opens the card's link, picks a face, comments, asks to be
// contacted and sends; the link then says it has an answer. The exit kiosk, once the Branch
// Manager has set up the tablet as it, takes a ticket number. The Branch Manager finds the contact requests on her pages. Nothing scrolls
// sideways, at 390 px or at 200 % zoom.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "desk password 2026";
const PHONE = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true,
	deviceScaleFactor: 2, bypassCSP: true };
let desk, browser, staffToken, link;

before(async () => {
	desk = new Desk();
	desk.cli(["init"]);
	desk.cli(["branch", "add", "KOS", "--name", "Kosciusko-Attala Library",
		"--hours", "mon-sun 00:00-24:00"]);
	for (const [login, name, role] of [["kos.staff", "Martha Luckett", "staff"],
		["kos.manager", "Lorraine Hood", "branch_manager"]])
		desk.cli(["user", "add", login, "--name", name, "--role", role, "--password-stdin",
			"--branch", "KOS"], PASSWORD + "\n");
	staffToken = desk.cli(["token", "create", "kos.staff"]).trim();
	await desk.start();
	assert.equal((await desk.api("POST", "/api/v1/duty", staffToken, { branch: "KOS" })).status, 200);
	browser = await launch();
});

after(async () => {
	await browser?.close();
	await desk?.stop();
});

// A walk-in served by kos.staff and, unless told, finished: its JSON.
async function served(finish = true) {
	const v = await desk.api("POST", "/api/v1/branches/KOS/visits", staffToken,
		{ channel: "in_person" });
	assert.equal(v.status, 201);
	const next = await desk.api("POST", "/api/v1/branches/KOS/next", staffToken, {});
	assert.equal(next.body.id, v.body.id);
	if (finish)
		assert.equal((await desk.api("POST", `/api/v1/visits/${v.body.id}/finish`, staffToken,
			{})).status, 200);
	return v.body;
}

async function signedIn(user, options) {
	const context = await browser.newContext(options ||
		{ viewport: { width: 1280, height: 900 }, bypassCSP: true });
	const page = await context.newPage();
	await login(page, desk.base, user, PASSWORD);
	return page;
}

async function sideways(page) {
	return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

// Every face, button and link the customer taps: at least 48 px each way.
async function smallTargets(page) {
	return page.evaluate(() => Array.from(document.querySelectorAll(
		"label.face, main button, main a.button, .lang-switch a, .contact > label"))
		.filter((e) => e.offsetParent !== null)
		.map((e) => [e.textContent.trim(), e.getBoundingClientRect()])
		.filter(([, b]) => b.width < 48 || b.height < 48)
		.map(([t, b]) => `${t}: ${Math.round(b.width)}×${Math.round(b.height)}`));
}

test("the desk offers \"Ask how it went\" right after Finish, and its card prints alone", async () => {
	const v = await served(false);
	const page = await signedIn("kos.staff");
	await page.goto(desk.base + "/desk/KOS");
	await page.click(`#v${v.id}-finish`);
	const ask = page.locator("#ask-feedback");
	await assert.doesNotReject(ask.filter({ hasText: `Ask ${v.ticket} how it went` })
		.waitFor({ timeout: 5000 }));
	await checkPage(page, "feedback-desk-finished");
	// The button posts the ticket: the card (and its link) is made by that, never by a GET.
	await Promise.all([page.waitForNavigation(), ask.click()]);
	assert.equal(new URL(page.url()).pathname, "/desk/KOS/feedback");
	assert.equal(await page.locator("section.feedback-card svg.qr").count(), 1);
	// Scanned from across the desk: the code is at least 240 px on the screen.
	const qr = await page.locator("svg.qr").boundingBox();
	assert.ok(qr.width >= 240, `the code is ${qr.width}px wide`);
	link = new URL(await page.getAttribute("#feedback-link", "href")).pathname;
	assert.match(link, /^\/feedback\/[A-Za-z0-9_-]{20,}$/);
	await checkPage(page, "feedback-card");
	// Printed: the card and nothing else of the page.
	await page.emulateMedia({ media: "print" });
	assert.equal(await page.locator("header.bar").isVisible(), false);
	assert.equal(await page.locator("h1").isVisible(), false);
	assert.equal(await page.locator("svg.qr").isVisible(), true);
	await page.screenshot({ path: `${process.env.SCREENSHOTS || "build/screenshots"}/feedback-card-print.png`,
		fullPage: true });
	await page.context().close();
});

test("on a phone: a face, a comment, a contact request, \"Thank you\", then one answer only", async () => {
	assert.ok(link, "the card test gave a link");
	const context = await browser.newContext(PHONE);
	const page = await context.newPage();
	assert.equal((await page.goto(desk.base + link)).status(), 200);
	assert.equal(await page.locator("h1").textContent(), "How was your visit today?");
	// Five faces, each named for a screen reader; the contact fields wait for the box.
	assert.equal(await page.getByRole("radio").count(), 5);
	assert.equal(await page.getByRole("radio", { name: "Very poor" }).count(), 1);
	assert.equal(await page.locator("#contact_name").isVisible(), false);
	assert.deepEqual(await smallTargets(page), []);
	assert.ok(await sideways(page) <= 0, "the page scrolls sideways at 390 px");
	await checkPage(page, "feedback-phone");

	await page.locator("label.face").nth(1).tap();
	assert.equal(await page.isChecked("#score-2"), true);
	await page.fill("#comment", "Nobody could find the hold I was called about.");
	await page.locator(".contact > label").tap();
	assert.equal(await page.isChecked("#contact_wanted"), true);
	assert.equal(await page.locator("#contact_name").isVisible(), true);
	await page.fill("#contact_name", "Ana Reyes");
	await page.fill("#contact", "ana.reyes@example.org");
	assert.ok(await sideways(page) <= 0, "the contact fields push the page sideways");
	await checkPage(page, "feedback-phone-contact");
	await Promise.all([page.waitForNavigation(), page.tap("#send")]);
	assert.equal(await page.locator("#thanks").textContent(), "Thank you");
	assert.match(await page.locator("main").textContent(), /will contact you soon/);
	await checkPage(page, "feedback-phone-thanks");

	await page.goto(desk.base + link);
	assert.match(await page.locator("#said").textContent(), /already has an answer/);
	assert.equal(await page.locator("input[name=score]").count(), 0);
	await checkPage(page, "feedback-phone-answered");
	await context.close();
});

test("at 200 % zoom the question fits without scrolling sideways", async () => {
	await served();
	const staff = await signedIn("kos.staff");
	const v = await served();
	await staff.goto(desk.base + `/desk/KOS/feedback?ticket=${v.ticket}`);
	assert.equal(await staff.locator("#feedback-link").count(), 0);
	await Promise.all([staff.waitForNavigation(), staff.click("main form button[type=submit]")]);
	const fresh = new URL(await staff.getAttribute("#feedback-link", "href")).pathname;
	await staff.context().close();
	for (const [name, options] of [["zoom200", { viewport: { width: 640, height: 450 },
		deviceScaleFactor: 2 }], ["phone-zoom200", { viewport: { width: 195, height: 422 },
		deviceScaleFactor: 4, isMobile: true, hasTouch: true }]]) {
		const context = await browser.newContext({ ...options, bypassCSP: true });
		const page = await context.newPage();
		await page.goto(desk.base + fresh);
		await page.check("#contact_wanted");
		assert.ok(await sideways(page) <= 0, `the question scrolls sideways at ${name}`);
		await checkPage(page, `feedback-${name}`);
		await context.close();
	}
});

test("the exit kiosk: a wrong ticket said plainly, the right one answered, then the start", async () => {
	const v = await served();
	const context = await browser.newContext({ viewport: { width: 820, height: 1180 },
		hasTouch: true, isMobile: true, bypassCSP: true });
	const page = await context.newPage();
	// A tablet nobody set up is told so, with nothing to fill in.
	assert.equal((await page.goto(desk.base + "/kiosk/KOS")).status(), 200);
	assert.match(await page.locator("#not-a-kiosk").textContent(),
		/not set up as this library's feedback kiosk\. Library staff set it up from the desk/);
	assert.equal(await page.locator("#ticket").count(), 0);
	await checkPage(page, "kiosk-not-set-up");
	// The Branch Manager sets it up on the tablet itself, and is signed out on it.
	await login(page, desk.base, "kos.manager", PASSWORD);
	await page.goto(desk.base + "/desk/KOS/feedback");
	await checkPage(page, "kiosk-setup");
	await Promise.all([page.waitForNavigation(), page.locator("#kiosk-setup").tap()]);
	assert.equal(new URL(page.url()).pathname, "/kiosk/KOS");
	assert.equal(await page.locator("a[href='/logout'], form[action='/logout']").count(), 0);
	assert.match(await page.locator(".where").textContent(), /Kosciusko-Attala Library/);
	// Read standing up: the ticket field and the button are big.
	const field = await page.locator("#ticket").boundingBox();
	assert.ok(field.height >= 64, `the ticket field is ${field.height}px tall`);
	assert.deepEqual(await smallTargets(page), []);
	await checkPage(page, "kiosk-start");
	await page.fill("#ticket", "A99");
	await Promise.all([page.waitForNavigation(), page.tap("#next")]);
	assert.match(await page.locator("#said").textContent(), /no finished visit/);
	await checkPage(page, "kiosk-wrong-ticket");

	await page.fill("#ticket", v.ticket);
	await Promise.all([page.waitForNavigation(), page.tap("#next")]);
	assert.match(await page.locator(".where").textContent(), new RegExp(`Ticket ${v.ticket}`));
	assert.deepEqual(await smallTargets(page), []);
	await checkPage(page, "kiosk-question");
	await page.locator("label.face").nth(4).tap();
	await page.fill("#comment", "Martha found me three books on beekeeping. Thank her!");
	await page.locator(".contact > label").tap();
	await page.fill("#contact_name", "Lu Chen");
	await page.fill("#contact", "662-555-0142");
	await Promise.all([page.waitForNavigation(), page.tap("#send")]);
	assert.equal(await page.locator("#thanks").textContent(), "Thank you");
	// Back to the start for the next person, by itself after a few seconds.
	const back = page.waitForNavigation({ timeout: 20000 });
	assert.equal(await page.getAttribute("#next-person", "data-restart-s"), "8");
	await checkPage(page, "kiosk-thanks");
	await back;
	assert.equal(await page.inputValue("#ticket"), "");
	// The same ticket again: it has its answer.
	await page.fill("#ticket", v.ticket);
	await Promise.all([page.waitForNavigation(), page.tap("#next")]);
	assert.match(await page.locator("#said").textContent(), /already has an answer/);

	// Left half-answered, in Spanish: the kiosk asks first, keeps the answer when asked to,
	// and otherwise starts again for the next person, empty and in the tablet's language.
	const w = await served();
	await page.clock.install();
	await page.goto(desk.base + "/kiosk/KOS?lang=es");
	await page.fill("#ticket", w.ticket);
	await Promise.all([page.waitForNavigation(), page.tap("#next")]);
	await page.locator("label.face").nth(1).tap();
	const still = page.locator(".kiosk-still[role=alertdialog]");
	await page.clock.fastForward(91000);
	await still.waitFor();
	assert.match(await still.textContent(), /20 segundos/);
	await checkPage(page, "kiosk-still-there");
	await still.locator("button").tap();
	assert.equal(await still.count(), 0);
	assert.equal(await page.locator("label.face input:checked").count(), 1);
	await page.clock.fastForward(91000);
	await still.waitFor();
	await Promise.all([page.waitForNavigation(), page.clock.fastForward(21000)]);
	assert.equal(await page.getAttribute("html", "lang"), "en");
	assert.equal(await page.inputValue("#ticket"), "");
	await context.close();
});

test("the Branch Manager finds the complaint with whom to contact, and the compliment to pass on", async () => {
	const page = await signedIn("kos.manager", PHONE);
	await page.goto(desk.base + "/desk/KOS/complaints");
	const row = page.locator("#complaints tr", { hasText: "Nobody could find the hold" });
	assert.match(await row.textContent(), /Nobody: from the customer's feedback/);
	await Promise.all([page.waitForNavigation(), row.locator("a").click()]);
	assert.match(await page.locator("#contact").textContent(),
		/asked to be contacted: Ana Reyes, ana\.reyes@example\.org/);
	assert.ok(await sideways(page) <= 0, "the complaint scrolls sideways on a phone");
	await checkPage(page, "feedback-manager-complaint");

	await page.goto(desk.base + "/needs");
	const item = page.locator("ul.need-compliment li", { hasText: "beekeeping" });
	assert.match(await item.textContent(), /Very good \(5 of 5\) for Martha Luckett/);
	assert.match(await item.textContent(), /from Lu Chen \(662-555-0142\)/);
	await checkPage(page, "feedback-manager-needs");
	await Promise.all([page.waitForNavigation(), item.locator("button").tap()]);
	assert.equal(await page.locator("ul.need-compliment li", { hasText: "beekeeping" }).count(), 0);
	await page.context().close();
});
