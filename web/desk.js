// frontdesk desk page: follow the branch's queue live. Every change at the branch, from any
// desk or node, arrives as a server-sent event; the queue panel is then fetched again and
// swapped in, keeping keyboard focus where it was. Waits tick on every 15 s.
"use strict";
(function () {
	const queue = document.getElementById("queue");
	if (!queue) return;
	const code = queue.dataset.branch;
	let pending = false;

	function refresh() {
		if (pending) return;
		pending = true;
		fetch("/desk/" + encodeURIComponent(code) + "/queue", { credentials: "same-origin" })
			.then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
			.then(function (html) {
				const focused = document.activeElement && document.activeElement.id;
				queue.innerHTML = html;
				if (focused) {
					const again = document.getElementById(focused);
					if (again) again.focus();
				}
				queue.dataset.updated = String(Date.now());
			})
			.catch(function () { /* the next event or tick tries again */ })
			.finally(function () { pending = false; });
	}

	const events = new EventSource("/api/v1/branches/" + encodeURIComponent(code) + "/events");
	events.addEventListener("queue", refresh);
	events.addEventListener("open", function () { queue.dataset.live = "1"; });
	// Waits and the acknowledgement highlight (CS-ACK) move with time too.
	setInterval(refresh, 15000);
})();
