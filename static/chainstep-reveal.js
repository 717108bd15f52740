/*
 * chainstep-reveal.js: a reveal.js plugin that steps chainstep traces with the deck's own keys.
 *
 *   <script src="reveal.js"></script>
 *   <script src="chainstep/chainstep-reveal.js"></script>
 *   <script>Reveal.initialize({ hash: true, plugins: [ChainstepReveal] });</script>
 *
 * On a slide holding a chainstep embed (an <iframe> of embed.html, or <chainstep-trace>), the
 * plugin adds one invisible fragment per step after the first: reveal's next/prev (keys, clicker,
 * fragments) then step the trace, and move to the next slide after its last step. The step is
 * reveal's fragment index, so it is kept in the URL (`hash: true`) and in Reveal.getState();
 * `?print-pdf` prints every step on its own page (reveal's pdfSeparateFragments, on by default).
 * It talks to iframes with the control API ({ type: 'chainstep', method, args }) and calls the
 * element's methods. Plain script, no build step; it defines window.ChainstepReveal.
 */
(function () {
	'use strict';

	var EMBEDS = 'iframe[src*="embed.html"], iframe[data-chainstep], chainstep-trace';
	var FRAGMENT = 'chainstep-step';
	/** How long init waits for an embed to say `ready` before the deck starts without its steps. */
	var READY_TIMEOUT = 8000;

	/** Latest state each iframe reported, by its window: an embed may be ready before the plugin. */
	var frameStates = new Map();
	var frameListeners = [];
	addEventListener('message', function (e) {
		var d = e.data;
		if (!d || d.type !== 'chainstep' || typeof d.event !== 'string' || !d.state) return;
		frameStates.set(e.source, d.state);
		frameListeners.forEach(function (f) {
			f(e.source, d);
		});
	});

	function isFrame(el) {
		return el.tagName === 'IFRAME';
	}

	function send(el, method, args) {
		if (isFrame(el)) {
			if (el.contentWindow) el.contentWindow.postMessage({ type: 'chainstep', method: method, args: args || [] }, '*');
		} else if (typeof el[method] === 'function') el[method].apply(el, args || []);
	}

	/** Resolves with the embed's first state ({ step, total, phase }), or null after the timeout. */
	function whenReady(el) {
		return new Promise(function (resolve) {
			var done = false;
			function finish(state) {
				if (done) return;
				done = true;
				clearTimeout(timer);
				resolve(state);
			}
			var timer = setTimeout(function () {
				finish(null);
			}, READY_TIMEOUT);
			if (isFrame(el)) {
				var known = el.contentWindow && frameStates.get(el.contentWindow);
				if (known && known.total > 0) return finish(known);
				frameListeners.push(function (source, d) {
					if (source === el.contentWindow && d.state.total > 0) finish(d.state);
				});
				// Ask too: the embed may have loaded before this listener existed.
				el.addEventListener('load', function () {
					send(el, 'getState');
				});
				send(el, 'getState');
			} else {
				if (el.state && el.state.total > 0) return finish(el.state);
				el.addEventListener('ready', function (e) {
					finish(e.detail);
				});
			}
		});
	}

	function plugin() {
		var deck;
		/** { el, slide, base, fragments[] }: base is the step shown before any of its fragments. */
		var embeds = [];

		/** The step an embed should show on its slide: its base plus its visible fragments. */
		function wanted(item, root) {
			var shown = 0;
			(root || item.slide).querySelectorAll('.' + FRAGMENT + '[data-chainstep-id="' + item.id + '"]').forEach(function (f) {
				if (f.classList.contains('visible')) shown++;
			});
			return item.base + shown;
		}

		function sync() {
			var current = deck.getCurrentSlide();
			embeds.forEach(function (item) {
				if (item.slide === current || item.slide.contains(current) || current.contains(item.slide)) send(item.el, 'goto', [wanted(item)]);
			});
		}

		/** The trace moved by itself (its buttons, or keys inside the iframe): move the fragments to match. */
		function follow(item, state) {
			if (deck.getCurrentSlide() !== item.slide || state.step === wanted(item)) return;
			var target = null;
			item.fragments.forEach(function (f) {
				if (Number(f.getAttribute('data-chainstep-step')) === state.step) target = f;
			});
			var index = target ? Number(target.getAttribute('data-fragment-index')) : -1;
			if (!target && state.step > item.base) return;
			deck.navigateFragment(index);
		}

		/** A key at the trace's end inside a focused iframe: the deck moves on, and takes the focus back. */
		function leave(edge) {
			if (document.activeElement && document.activeElement.tagName === 'IFRAME') document.activeElement.blur();
			if (edge === 'next') deck.next();
			else deck.prev();
		}

		function addFragments(item, state) {
			item.base = Math.max(1, state.step);
			for (var k = item.base + 1; k <= state.total; k++) {
				var f = document.createElement('span');
				f.className = 'fragment ' + FRAGMENT;
				f.setAttribute('data-chainstep-id', item.id);
				f.setAttribute('data-chainstep-step', String(k));
				f.setAttribute('aria-hidden', 'true');
				// Invisible and out of the flow: it only counts the steps for reveal.
				f.style.cssText = 'position:absolute;width:0;height:0;overflow:hidden;pointer-events:none';
				item.slide.appendChild(f);
				item.fragments.push(f);
			}
		}

		/** ?print-pdf: each printed page is a copy of the slide; its embed shows that page's step. */
		function printSteps() {
			document.querySelectorAll('.pdf-page').forEach(function (page) {
				embeds.forEach(function (item) {
					var copy = page.querySelector('[data-chainstep-id="' + item.id + '"]');
					if (!copy) return;
					var step = wanted(item, page);
					page.querySelectorAll('[data-chainstep-embed="' + item.id + '"]').forEach(function (el) {
						if (isFrame(el)) {
							var url = new URL(el.getAttribute('src'), location.href);
							url.searchParams.set('step', String(step));
							el.setAttribute('src', url.href);
						} else el.setAttribute('step', String(step));
					});
				});
			});
		}

		return {
			id: 'chainstep',
			init: function (reveal) {
				deck = reveal;
				var found = Array.prototype.slice.call(deck.getSlidesElement().querySelectorAll(EMBEDS));
				found.forEach(function (el, i) {
					var slide = el.closest('section');
					if (!slide) return;
					var item = { id: String(i + 1), el: el, slide: slide, base: 1, fragments: [] };
					el.setAttribute('data-chainstep-embed', item.id);
					embeds.push(item);
				});
				frameListeners.push(function (source, d) {
					embeds.forEach(function (item) {
						if (!isFrame(item.el) || item.el.contentWindow !== source) return;
						if (d.event === 'stepchange') follow(item, d.state);
						else if (d.event === 'edge') leave(d.edge);
					});
				});
				embeds.forEach(function (item) {
					if (!isFrame(item.el))
						item.el.addEventListener('stepchange', function (e) {
							follow(item, e.detail);
						});
				});
				return Promise.all(
					embeds.map(function (item) {
						return whenReady(item.el).then(function (state) {
							if (state) addFragments(item, state);
						});
					})
				).then(function () {
					deck.on('ready', sync);
					deck.on('slidechanged', sync);
					deck.on('fragmentshown', sync);
					deck.on('fragmenthidden', sync);
					deck.on('pdf-ready', printSteps);
					if (deck.isReady()) {
						deck.syncFragments();
						sync();
					}
				});
			}
		};
	}

	window.ChainstepReveal = plugin;
})();
