// frontdesk desk pages: keep "who is in charge" current on a desk computer left open.
// Reloads every 30 s unless someone is typing; the live queue (SSE) replaces this later.
"use strict";
(function () {
	if (!location.pathname.startsWith("/desk/")) return;
	setInterval(function () {
		const el = document.activeElement;
		const typing = el && (el.tagName === "INPUT" || el.tagName === "TEXTAREA");
		if (!document.hidden && !typing) location.reload();
	}, 30000);
})();
