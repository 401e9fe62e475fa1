// frontdesk's exit kiosk: after "Thank you", back to the start for the next person in a few
// seconds (the "Next person" link says how many; without a script, it is tapped instead).
"use strict";
(function () {
	const next = document.querySelector("a[data-restart-s]");
	if (!next) return;
	setTimeout(function () { location.assign(next.href); }, Number(next.dataset.restartS) * 1000);
})();
