// frontdesk desk page: follow the branch's queue live, and work it without reloading. Every
// change at the branch, from any desk or node, arrives as a server-sent event; the queue panel
// is then fetched again and swapped in. The desk's own actions post in the background and
// swap in the day bar and queue the server answers with. Keyboard focus stays where it was.
"use strict";
(function () {
	const queue = document.getElementById("queue");
	if (!queue) return;
	const code = queue.dataset.branch;
	const day = document.querySelector("section.day");
	const intake = document.querySelector("section.intake");
	const status = document.getElementById("desk-status");
	const said = document.getElementById("desk-said");
	let pending = false;

	// Replaces a panel's content, keeping what was typed into its fields (a callback number)
	// and giving focus back to the same control, or to "Serve next" when that control is
	// gone (a finished visit's buttons).
	function replace(panel, html) {
		const active = document.activeElement;
		const focused = active && panel.contains(active) && active.id;
		const typed = {};
		panel.querySelectorAll("input[id], select[id]").forEach(function (f) {
			if (f.type !== "hidden") typed[f.id] = f.value;
		});
		panel.innerHTML = html;
		Object.keys(typed).forEach(function (id) {
			const f = document.getElementById(id);
			if (f && panel.contains(f)) f.value = typed[id];
		});
		if (focused) {
			const again = document.getElementById(focused) || document.getElementById("next");
			if (again) again.focus();
		}
	}

	function refresh() {
		if (pending) return;
		pending = true;
		fetch("/desk/" + encodeURIComponent(code) + "/queue", { credentials: "same-origin" })
			.then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
			.then(function (html) {
				replace(queue, html);
				queue.dataset.updated = String(Date.now());
			})
			.catch(function () { /* the next event or tick tries again */ })
			.finally(function () { pending = false; });
	}

	// A refusal: the alert line, and nothing said of a success before it.
	function say(message) {
		status.textContent = message;
		status.hidden = !message;
		if (message && said) said.textContent = "";
	}

	// What was done, in words to pass on: the polite status line (role="status").
	function tell(message) {
		if (said) said.textContent = message || "";
	}

	function visitIds() {
		return new Set(Array.from(queue.querySelectorAll("li.visit[id]"), function (li) {
			return li.id;
		}));
	}

	// The ticket a new visit was given: the row that was not in the queue before.
	function added(before, phone) {
		const li = Array.from(queue.querySelectorAll("li.visit[id]")).find(function (li) {
			return !before.has(li.id);
		});
		const t = li && li.querySelector(".ticket");
		// A ban issued at any branch is said first, before the ticket: what to do comes
		// before anything is said to the customer.
		const ban = li && li.querySelector(".flag.ban");
		const warn = ban ? ban.textContent + ". " : "";
		if (!t) return warn + (phone ? "Phone caller added." : "Walk-in added.");
		// CS-INPERSON: a renewal call put on hold at once says what to tell the caller.
		const held = day && day.querySelector("#desk-held");
		if (phone && held) {
			const words = held.textContent;
			held.remove(); // said once, in the status line
			return warn + words;
		}
		if (phone) return warn + "Caller added as " + t.textContent + ".";
		return warn + "Ticket " + t.textContent +
			(ban ? " added." : " added: tell the customer their number.");
	}

	// A refusal comes back as this page again (#kept holds the message) or as the error
	// page: its message, and the rule when the policy refused (CS-INPERSON, ...).
	function refusal(doc) {
		const kept = doc.getElementById("kept");
		const error = kept ? { textContent: kept.dataset.message } : doc.querySelector("main .error");
		const rule = doc.querySelector("main a[href^='/handbook?rule='] strong");
		return (error ? error.textContent : "That did not work.") +
			(rule ? " (" + rule.textContent + ")" : "");
	}

	// The catalogue's panel for the customer one serves: the page carries only where to fetch
	// it (data-src), so the desk never waits for the catalogue, and it is fetched once per
	// customer, since each panel shown is a read of their account (CS-CONFIDENTIAL).
	function loadCatalogue(section) {
		if (!section || !section.dataset.src) return;
		function said(text) {
			const p = section.querySelector("[role=status]");
			if (p) p.textContent = text;
		}
		fetch(section.dataset.src, { credentials: "same-origin" })
			.then(function (r) { return r.text(); })
			.then(function (html) {
				const got = new DOMParser().parseFromString(html, "text/html")
					.getElementById("catalogue");
				if (!section.isConnected) return;
				if (got) section.innerHTML = got.innerHTML;
				else said("The customer is no longer in the line here.");
			})
			.catch(function () { said("The desk could not reach the server: reload to try again."); });
	}
	// After an action: the panel of whom one serves now, kept when it is the same customer.
	function catalogue(doc) {
		const got = doc.getElementById("catalogue"), shown = document.getElementById("catalogue");
		const grid = queue.closest(".grid");
		if (got && shown && got.dataset.src === shown.dataset.src) return;
		if (shown) shown.remove();
		if (!got || !grid) return;
		const section = document.importNode(got, true);
		grid.after(section);
		loadCatalogue(section);
	}
	loadCatalogue(document.getElementById("catalogue"));

	document.addEventListener("submit", function (e) {
		const form = e.target;
		const mine = queue.contains(form) || (day && day.contains(form)) ||
			(intake && intake.contains(form));
		// A form whose answer is a page of its own (the feedback card): the browser posts it.
		if (!mine || form.method !== "post" || form.hasAttribute("data-page")) return;
		e.preventDefault();
		const body = new URLSearchParams(new FormData(form, e.submitter));
		const before = visitIds();
		const arriving = intake && intake.contains(form);
		const phone = e.submitter && e.submitter.value === "phone";
		const done = form.dataset.said;
		fetch(form.action, { method: "POST", body: body, credentials: "same-origin" })
			.then(function (r) {
				return r.text().then(function (html) {
					const doc = new DOMParser().parseFromString(html, "text/html");
					if (!r.ok) {
						const kept = doc.getElementById("kept");
						if (kept && window.frontdeskForms)
							window.frontdeskForms.mark(form, kept.dataset.field,
								kept.dataset.message);
						return say(refusal(doc));
					}
					// An action that leads elsewhere (a request's page) goes there.
					if (new URL(r.url).pathname !== location.pathname)
						return location.assign(r.url);
					say("");
					if (window.frontdeskForms) window.frontdeskForms.clear();
					const q = doc.getElementById("queue"), d = doc.querySelector("section.day");
					if (q) replace(queue, q.innerHTML);
					if (d && day) replace(day, d.innerHTML);
					catalogue(doc);
					if (arriving) form.reset();
					tell(arriving ? added(before, phone) : done);
				});
			})
			.catch(function () { say("The desk could not reach the server: try again."); });
	});

	const events = new EventSource("/api/v1/branches/" + encodeURIComponent(code) + "/events");
	// One stream per page: needs.js listens to this one rather than opening its own.
	window.frontdeskEvents = { code: code, source: events };
	events.addEventListener("queue", refresh);
	// A ban issued or lifted anywhere: the queue's ban markers may change.
	events.addEventListener("ban", refresh);
	// The server lost the database for a while: changes may have gone unannounced.
	events.addEventListener("resync", refresh);
	events.addEventListener("open", function () { queue.dataset.live = "1"; });
	// Waits and the acknowledgement highlight (CS-ACK) move with time too.
	setInterval(refresh, 15000);
})();

// Bans known everywhere: when a building ban is issued, lifted or changed at any branch, a
// "ban" event reaches every branch's desks, and the alert box is loaded again from this page.
// A desk that is not worked here listens on its own stream (needs.js may then share it).
(function () {
	const box = document.getElementById("bans");
	if (!box) return;
	const code = box.dataset.branch;
	let pending = false;
	function reload() {
		if (pending) return;
		pending = true;
		fetch(location.pathname, { credentials: "same-origin" })
			.then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
			.then(function (html) {
				const got = new DOMParser().parseFromString(html, "text/html")
					.getElementById("bans");
				if (got) box.innerHTML = got.innerHTML;
				box.dataset.updated = String(Date.now());
			})
			.catch(function () { /* the next event or a reload shows it */ })
			.finally(function () { pending = false; });
	}
	const shared = window.frontdeskEvents;
	let events = shared && shared.code === code ? shared.source : null;
	if (!events) {
		events = new EventSource("/api/v1/branches/" + encodeURIComponent(code) + "/events");
		window.frontdeskEvents = { code: code, source: events };
	}
	events.addEventListener("ban", reload);
	events.addEventListener("resync", reload);
	if (events.readyState === EventSource.OPEN) box.dataset.live = "1";
	events.addEventListener("open", function () { box.dataset.live = "1"; });
})();

// Finding a customer: as a name, card or phone number is typed, the matches are fetched
// after a pause (each one listed is an audited read, so not every key press searches) and
// listed under the field as links; Down moves into the list, Up and Escape back. Without
// JS the form's Find button does the same search.
(function () {
	const field = document.querySelector("input[data-suggest='customers']");
	const list = document.getElementById("suggestions");
	if (!field || !list) return;
	const request = list.dataset.request;
	let timer = 0, latest = "";

	function item(text, href) {
		const li = document.createElement("li");
		const node = document.createElement(href ? "a" : "span");
		if (href) node.href = href;
		node.textContent = text;
		li.appendChild(node);
		list.appendChild(li);
	}

	function show(customers) {
		list.replaceChildren();
		customers.forEach(function (c) {
			// A ban issued at any branch is said before the record is opened.
			item(c.name + " · card " + c.card + (c.phone ? " · " + c.phone : "") +
				(c.restriction ? " · " + c.restriction.notice : ""),
				"/customers/" + c.id + (request && request !== "0" ? "?request=" + request : ""));
		});
		if (!customers.length) item("Nobody found yet: press Find to register them.");
	}

	field.addEventListener("input", function () {
		clearTimeout(timer);
		const q = field.value.trim();
		if (q.length < 2) {
			list.replaceChildren();
			return;
		}
		timer = setTimeout(function () {
			latest = q;
			fetch("/api/v1/customers?q=" + encodeURIComponent(q), { credentials: "same-origin" })
				.then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
				.then(function (body) { if (latest === q) show(body.customers); })
				.catch(function () { /* the Find button still searches */ });
		}, 300);
	});

	field.addEventListener("keydown", function (e) {
		const first = list.querySelector("a");
		if (e.key === "ArrowDown" && first) {
			e.preventDefault();
			first.focus();
		} else if (e.key === "Escape") {
			list.replaceChildren();
		}
	});

	list.addEventListener("keydown", function (e) {
		const links = Array.from(list.querySelectorAll("a"));
		const i = links.indexOf(document.activeElement);
		if (i < 0) return;
		if (e.key === "ArrowDown" && i + 1 < links.length) {
			e.preventDefault();
			links[i + 1].focus();
		} else if (e.key === "ArrowUp" || e.key === "Escape") {
			e.preventDefault();
			(e.key === "ArrowUp" && i > 0 ? links[i - 1] : field).focus();
		}
	});
})();

// A customer in an incident report: the same search as the desk's, offered as choices for
// the field, whose value is the card number the server resolves to the customer (the report
// keeps the customer, never the card). Without JS the card number is typed.
(function () {
	const field = document.querySelector("input[data-suggest='incident-customer']");
	const list = field && document.getElementById(field.getAttribute("list"));
	if (!field || !list) return;
	let timer = 0;
	field.addEventListener("input", function () {
		clearTimeout(timer);
		const q = field.value.trim();
		if (q.length < 2) return;
		timer = setTimeout(function () {
			fetch("/api/v1/customers?q=" + encodeURIComponent(q), { credentials: "same-origin" })
				.then(function (r) { return r.ok ? r.json() : Promise.reject(r.status); })
				.then(function (body) {
					list.replaceChildren();
					body.customers.forEach(function (c) {
						const o = document.createElement("option");
						o.value = c.card;
						o.label = c.name + (c.phone ? " · " + c.phone : "");
						list.appendChild(o);
					});
				})
				.catch(function () { /* the card number can still be typed */ });
		}, 300);
	});
})();
