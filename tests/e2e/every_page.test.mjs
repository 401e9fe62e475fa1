// Every page, for every role: one demo login per role opens each GET page of the route table
// (`frontdesk routes`), expecting it where the role × action matrix (`frontdesk roles`) allows
// it and a refusal page where not, and checks each (axe-core, plain words, and the Nu Html
// Checker through the harness). A page route with no example URL here fails the walk.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";

import { checkPage, Desk, launch, login } from "./harness.mjs";

const PASSWORD = "frontdesk-demo";
let desk, browser;
const ids = {};

// An example URL for each page route's pattern, at the demo's Kosciusko branch.
const EXAMPLES = {
	"/": () => "/",
	"/login": () => "/login",
	"/handbook": () => "/handbook",
	"/handbook/*": () => `/handbook/${ids.section}`,
	"/reports": () => "/reports",
	"/reports/*": () => "/reports/KOS",
	"/desk/*": () => "/desk/KOS",
	"/desk/*/requests": () => "/desk/KOS/requests",
	"/requests": () => "/requests",
	"/requests/*": () => `/requests/${ids.request}`,
	"/desk/*/complaints": () => "/desk/KOS/complaints",
	"/complaints/*": () => `/complaints/${ids.complaint}`,
	"/hq": () => "/hq",
	"/desk/*/incidents": () => "/desk/KOS/incidents",
	"/incidents/*": () => `/incidents/${ids.incident}`,
	"/board/*": () => "/board/KOS",
	"/kiosk/*": () => "/kiosk/KOS",
	"/feedback/*": () => ids.feedback,
	"/desk/*/feedback": () => `/desk/KOS/feedback?ticket=${ids.finished}`,
	"/verify/*/*": () => ids.verify,
	"/calendar": () => "/calendar",
	"/needs": () => "/needs",
	"/customers": () => "/customers?q=Vega",
	"/customers/*": () => `/customers/${ids.customer}`,
	"/admin/users": () => "/admin/users",
	"/join/*": () => "/join/KOS",
	"/join/*/sign": () => "/join/KOS/sign",
	"/ticket/*": () => ids.ticket,
	"/ticket/*/leave": () => `${ids.waiting}/leave`,
	// A renewal call waiting: its page says to take the call before renewing.
	"/desk/*/visits/*/items": () => `/desk/KOS/visits/${ids.renewal}/items`,
};

// Pieces of a page, not pages: fetched by a page's script and put into it.
// the live queue, redrawn inside /desk/*; a signed report's signature block, inside its page;
// a phone ticket's status, redrawn inside /ticket/*
const FRAGMENTS = new Set(["/desk/*/queue", "/desk/*/visits/*/catalogue", "/incidents/*/signature", "/ticket/*/status"]);

// The GET routes people open in a browser: not the API, the probes, the static files, the
// event streams pages' scripts follow, or printed documents (PDFs: test_access walks those).
function pageRoutes() {
	return desk.cli(["routes"]).trim().split("\n").map((l) => l.split("\t"))
		.filter(([method, pattern]) => method === "GET" && !FRAGMENTS.has(pattern) &&
			!/^\/(api|static)\/|^\/(healthz|metrics|favicon\.ico)$|\/events$|\.pdf$/.test(pattern))
		.map(([, pattern, auth, action]) => ({ pattern, auth, action }));
}

// role -> Set of the actions it may take, from the Markdown matrix.
function roleActions() {
	const rows = desk.cli(["roles"]).split("\n").filter((l) => l.startsWith("|"))
		.map((l) => l.split("|").slice(1, -1).map((c) => c.trim()));
	const roles = rows[0].slice(3);
	const may = new Map(roles.map((r) => [r, new Set()]));
	for (const row of rows.slice(2))
		roles.forEach((r, i) => row[3 + i] === "yes" && may.get(r).add(row[0]));
	return may;
}

// role -> the first demo login of that role (branch staff at Kosciusko, as the demo lists them).
// The list prints each role's label ("Headquarters Staff") and the branch's name, in columns.
function demoLogins(printed) {
	const logins = new Map();
	const role = (label) => label.toLowerCase().replace("headquarters ", "hq ").replaceAll(" ", "_");
	for (const m of printed.matchAll(/^ {2}([a-z]\S*)\s{2,}(\S.*?)\s{2,}(\S.*?)\s{2,}\S/gm))
		if (!logins.has(role(m[2])) && /Headquarters|Kosciusko/.test(m[3]))
			logins.set(role(m[2]), m[1]);
	return logins;
}

let logins, may, routes;

before(async () => {
	desk = new Desk();
	logins = demoLogins(desk.cli(["demo"]));
	may = roleActions();
	routes = pageRoutes();
	await desk.start();
	// Everyone at Kosciusko is clocked on there, so its pages are theirs to work.
	for (const [, who] of logins) {
		if (!who.startsWith("kos."))
			continue;
		const t = desk.cli(["token", "create", who]).trim();
		assert.equal((await desk.api("POST", "/api/v1/duty", t, { branch: "KOS" })).status, 200);
	}
	const manager = desk.cli(["token", "create", logins.get("branch_manager")]).trim();
	const made = async (url, body) => {
		const r = await desk.api("POST", url, manager, body);
		assert.equal(r.status, 201, `${url}: ${JSON.stringify(r.body)}`);
		return r.body.id;
	};
	ids.request = await made("/api/v1/requests",
		{ branch: "KOS", kind: "interlibrary_loan", text: "A large-print edition of Jane Eyre." });
	ids.complaint = await made("/api/v1/complaints",
		{ branch: "KOS", text: "The book drop was full all weekend." });
	ids.incident = await made("/api/v1/incidents", {
		branch: "KOS", occurred_at: new Date(Date.now() - 600000).toISOString().slice(0, 19) + "Z",
		category: "vandalism", narrative: "Graffiti on the book drop, found at opening." });
	const found = await desk.api("GET", "/api/v1/customers?q=Vega", manager);
	ids.customer = found.body.customers[0].id;
	// A signed report, for its public verify page.
	const signedId = await made("/api/v1/incidents", {
		branch: "KOS", occurred_at: new Date(Date.now() - 600000).toISOString().slice(0, 19) + "Z",
		category: "theft", narrative: "A bag was taken from a study carrel." });
	assert.equal((await desk.api("POST", `/api/v1/incidents/${signedId}/hq-notified`, manager,
		{ taken_by: "coordinator" })).status, 200);
	const me = await desk.api("GET", "/api/v1/me", manager);
	const signed = await desk.api("POST", `/api/v1/incidents/${signedId}/sign`, manager,
		{ typed_name: me.body.name });
	assert.equal(signed.status, 200, JSON.stringify(signed.body));
	ids.verify = new URL(signed.body.signed.verify_url).pathname;
	ids.ticket = await phoneTicket(manager);
	ids.feedback = await feedbackLink(manager, ids.ticket);
	ids.waiting = await phoneTicket(manager); // still in line: asked before it leaves
	const call = await desk.api("POST", "/api/v1/branches/KOS/visits", manager,
		{ channel: "phone", renewal: true });
	assert.equal(call.status, 201, JSON.stringify(call.body));
	ids.renewal = call.body.id;
	const policies = await desk.api("GET", "/api/v1/policies", manager);
	ids.section = policies.body.sections[0].id;
	browser = await launch();
});

// A ticket taken by phone at Kosciusko, as a phone's browser takes it (the form's token and
// its cookies): its page's address. The demo's hours may not cover now, so the desk opens
// the branch first (once a day: a second open is refused, and the branch stays open).
async function phoneTicket(manager) {
	await desk.api("POST", "/api/v1/branches/KOS/open", manager, { outside_hours: true });
	const form = await fetch(desk.base + "/join/KOS");
	const cookies = form.headers.getSetCookie().map((c) => c.split(";")[0]).join("; ");
	const token = (await form.text()).match(/name="token" value="([^"]+)"/);
	assert.ok(token, "the join page has no form: is Kosciusko open?");
	const r = await fetch(desk.base + "/join/KOS", { method: "POST", redirect: "manual",
		headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies },
		body: new URLSearchParams({ token: token[1], reason: "card", first_name: "Ana" }) });
	assert.equal(r.status, 303);
	return r.headers.get("location");
}

// The phone ticket served and finished, then its feedback button pressed: the feedback
// page's address (a real link, answerable). The ticket's page then offers the question, and
// the desk's QR card its own link for the finished ticket.
async function feedbackLink(manager, ticketPage) {
	const label = (await (await fetch(desk.base + ticketPage)).text())
		.match(/id="ticket">([A-Z]\d+)</)[1];
	const q = await desk.api("GET", "/api/v1/branches/KOS/queue", manager);
	const v = q.body.waiting.find((w) => w.ticket === label);
	ids.finished = label; // for the desk's QR card, once finished
	assert.ok(v, `${label} is not in the line: ${JSON.stringify(q.body.waiting)}`);
	for (const step of ["start", "finish"]) {
		const r = await desk.api("POST", `/api/v1/visits/${v.id}/${step}`, manager, {});
		assert.equal(r.status, 200, `${step}: ${JSON.stringify(r.body)}`);
	}
	const r = await fetch(desk.base + ticketPage + "/feedback", { method: "POST",
		redirect: "manual" });
	assert.equal(r.status, 303);
	return r.headers.get("location");
}

after(async () => {
	await browser?.close();
	await desk?.stop();
});

test("every page route has an example URL in the walk", () => {
	assert.ok(routes.length >= 10, JSON.stringify(routes));
	assert.deepEqual(routes.map((r) => r.pattern).filter((p) => !EXAMPLES[p]), []);
	const table = desk.cli(["routes"]);
	for (const f of FRAGMENTS)
		assert.ok(table.includes(`GET\t${f}\t`), `${f} is no longer a route`);
	assert.equal(logins.size, 10, `one demo login per role: ${[...logins.keys()]}`);
});

test("every role opens every page it may, and is refused the others", async () => {
	for (const [role, who] of logins) {
		const context = await browser.newContext({ viewport: { width: 1280, height: 900 },
			bypassCSP: true });
		const page = await context.newPage();
		await login(page, desk.base, who, PASSWORD);
		for (const { pattern, auth, action } of routes) {
			const url = EXAMPLES[pattern]();
			const allowed = auth === "public" || may.get(role).has(action);
			const response = await page.goto(desk.base + url);
			// A page that keeps itself live (the desk, the board) holds a stream open.
			await page.waitForLoadState("domcontentloaded");
			assert.equal(response.status() === 200, allowed,
				`${role} (${who}) opening ${url}: ${response.status()}`);
			await checkPage(page, `every-${role}${url.replaceAll("/", "-")}`);
		}
		await context.close();
	}
});
