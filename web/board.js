// The public board: whenever the branch's public event stream says something changed (it
// says nothing more: no ticket, no name), it fetches itself and swaps in the new numbers; while
// the stream is down it does so every 4 s. (A meta refresh would reload the whole page,
// flashing on the wall and sending a screen reader back to the top, WCAG 2.2.1.) A clock in
// the branch's time zone; and, once someone presses "Turn on
// sound" (browsers play nothing before a gesture), a chime and a spoken call for each ticket
// newly called: "Ticket A12, please go to desk 2".
"use strict";
(function () {
	const button = document.getElementById("sound");
	const main = document.querySelector("main#board");
	let audio = null; // an AudioContext once sound is on
	let known = calls(document); // tickets already called when the page came: not announced

	function calls(doc) {
		const out = new Map();
		doc.querySelectorAll("li.call").forEach(function (li) {
			out.set(li.dataset.ticket, li.dataset.desk || "");
		});
		return out;
	}

	function sentence(ticket, desk) {
		return desk ? "Ticket " + ticket + ", please go to desk " + desk + "."
			: "Ticket " + ticket + ", please come to the desk.";
	}

	// Two short tones, generated: no sound file to fetch.
	function chime() {
		if (!audio) return;
		const now = audio.currentTime;
		[[880, 0], [660, 0.35]].forEach(function (tone) {
			const osc = audio.createOscillator();
			const gain = audio.createGain();
			osc.type = "sine";
			osc.frequency.value = tone[0];
			gain.gain.setValueAtTime(0.0001, now + tone[1]);
			gain.gain.exponentialRampToValueAtTime(0.3, now + tone[1] + 0.02);
			gain.gain.exponentialRampToValueAtTime(0.0001, now + tone[1] + 0.6);
			osc.connect(gain).connect(audio.destination);
			osc.start(now + tone[1]);
			osc.stop(now + tone[1] + 0.65);
		});
	}

	function announce(ticket, desk) {
		chime();
		if (!("speechSynthesis" in window)) return;
		const u = new SpeechSynthesisUtterance(sentence(ticket, desk));
		u.lang = "en-US";
		u.rate = 0.9;
		window.speechSynthesis.speak(u);
	}

	if (button) button.addEventListener("click", function () {
		const on = button.getAttribute("aria-pressed") !== "true";
		button.setAttribute("aria-pressed", on ? "true" : "false");
		button.textContent = on ? "Turn off sound" : "Turn on sound";
		if (on && !audio && (window.AudioContext || window.webkitAudioContext))
			audio = new (window.AudioContext || window.webkitAudioContext)();
		if (on) chime(); // so whoever set up the wall hears that it works
		else if (audio) { audio.close(); audio = null; }
	});

	function soundOn() { return button && button.getAttribute("aria-pressed") === "true"; }

	// The clock sits in the part that is swapped: looked up afresh each second.
	function tick() {
		const clock = document.getElementById("clock");
		if (!clock || !clock.dataset.tz) return;
		try {
			clock.textContent = new Intl.DateTimeFormat("en-US", { hour: "numeric",
				minute: "2-digit", timeZone: clock.dataset.tz }).format(new Date())
				.replace(/:00\b/, "").replace(/\s*([AP])M$/, (m, x) => ` ${x.toLowerCase()}m`); // the desk's "4:50 pm"
		} catch (e) { /* an unknown zone: the server's time stays */ }
	}
	tick();
	setInterval(tick, 1000);

	let fetching = false, again = false;
	function refresh() {
		// One fetch at a time; a change announced meanwhile fetches once more after it.
		if (fetching) { again = true; return; }
		fetching = true;
		fetch(location.pathname, { cache: "no-store" })
			.then(function (r) { return r.ok ? r.text() : Promise.reject(r.status); })
			.then(function (html) {
				const doc = new DOMParser().parseFromString(html, "text/html");
				const fresh = doc.querySelector("main#board");
				if (!fresh || !main) return;
				const now = calls(doc);
				main.innerHTML = fresh.innerHTML;
				main.dataset.updated = String(Date.now());
				tick();
				now.forEach(function (desk, ticket) {
					if (known.get(ticket) === desk) return;
					const li = main.querySelector("li.call[data-ticket=\"" + ticket + "\"]");
					if (li) li.classList.add("fresh");
					if (soundOn()) announce(ticket, desk);
				});
				known = now;
			})
			.catch(function () { /* the next event or tick tries again */ })
			.finally(function () {
				fetching = false;
				if (again) { again = false; refresh(); }
			});
	}

	// Live: the stream's "change"; on (re)connecting, a fetch for what went by meanwhile.
	let live = false, opened = false;
	if (window.EventSource && main) {
		const events = new EventSource(location.pathname.replace(/\/$/, "") + "/events");
		events.addEventListener("change", refresh);
		events.addEventListener("resync", refresh);
		events.addEventListener("open", function () {
			if (opened) refresh();
			opened = live = true;
			main.dataset.live = "1";
		});
		events.addEventListener("error", function () {
			live = false;
			delete main.dataset.live;
		});
	}
	// Polling only while the stream is not open; waits still move once a minute.
	let ticks = 0;
	setInterval(function () {
		ticks++;
		if (!live || ticks % 15 === 0) refresh();
	}, 4000);
})();
