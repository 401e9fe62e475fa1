// The public board: whenever the branch's public event stream says something changed (it
// says nothing more: no ticket, no name), it fetches itself and swaps in the new numbers; while
// the stream is down it does so every 4 s. (A meta refresh would reload the whole page,
// flashing on the wall and sending a screen reader back to the top, WCAG 2.2.1.) A clock in
// the branch's time zone; and, once someone presses "Turn on
// sound" (browsers play nothing before a gesture), a chime and a spoken call for each ticket
// newly called: "Ticket A12, please go to desk 2". The page speaks the public's language; each
// call is spoken in its ticket's (the li's data-lang), from the sentences the server put in
// <template id="call-words"> for every language, so a Spanish ticket on an English board is
// called in Spanish.
"use strict";
(function () {
	const button = document.getElementById("sound");
	const main = document.querySelector("main#board");
	let audio = null; // an AudioContext once sound is on
	let known = calls(document); // tickets already called when the page came: not announced

	const pageLang = document.documentElement.lang || "en";

	// ticket -> "desk|lang": a call is new when its ticket, desk or language is.
	function calls(doc) {
		const out = new Map();
		doc.querySelectorAll("li.call").forEach(function (li) {
			out.set(li.dataset.ticket, (li.dataset.desk || "") + "|" + (li.dataset.lang || ""));
		});
		return out;
	}

	// The call in lang, from the server's words for it ({ticket}, {desk}); the page's
	// language when the template has none for lang.
	function sentence(ticket, desk, lang) {
		const words = document.getElementById("call-words");
		const all = words ? words.content : null;
		const p = all && (all.querySelector("p[lang=\"" + lang + "\"]") ||
			all.querySelector("p[lang=\"" + pageLang + "\"]"));
		const said = p ? (desk ? p.dataset.desk : p.dataset.noDesk)
			: (desk ? "Ticket {ticket}, please go to desk {desk}."
				: "Ticket {ticket}, please come to the desk.");
		return said.split("{ticket}").join(ticket).split("{desk}").join(desk);
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

	function announce(ticket, desk, lang) {
		chime();
		if (!("speechSynthesis" in window)) return;
		const u = new SpeechSynthesisUtterance(sentence(ticket, desk, lang));
		u.lang = lang;
		u.rate = 0.9;
		window.speechSynthesis.speak(u);
	}

	if (button) button.addEventListener("click", function () {
		const on = button.getAttribute("aria-pressed") !== "true";
		button.setAttribute("aria-pressed", on ? "true" : "false");
		// The words for each state, in the page's language: data-on is said while on.
		button.textContent = on ? button.dataset.on || "Turn off sound"
			: button.dataset.off || "Turn on sound";
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
			// As the server wrote it (base/tz.c tz_clock_words): "4:50 pm", "9 am", with
			// the page's words for am and pm ("p. m." in Spanish).
			const parts = {};
			new Intl.DateTimeFormat("en-US", { hour: "numeric", minute: "2-digit",
				hour12: true, timeZone: clock.dataset.tz }).formatToParts(new Date())
				.forEach(function (p) { parts[p.type] = p.value; });
			const half = /^a/i.test(parts.dayPeriod || "") ? clock.dataset.am || "am"
				: clock.dataset.pm || "pm";
			clock.textContent = parts.hour + (parts.minute === "00" ? "" : ":" + parts.minute) +
				" " + half;
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
				now.forEach(function (call, ticket) {
					if (known.get(ticket) === call) return;
					const li = main.querySelector("li.call[data-ticket=\"" + ticket + "\"]");
					if (li) li.classList.add("fresh");
					const cut = call.lastIndexOf("|"); // a desk's name may hold a "|"
					if (soundOn()) announce(ticket, call.slice(0, cut),
						call.slice(cut + 1) || pageLang);
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
