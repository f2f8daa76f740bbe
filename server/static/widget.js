/* Atelier chat widget: one script tag, no remote assets. Streams answers over SSE
   (POST /v1/chat with stream=true), renders product and outfit cards from the same
   response, adds to cart with a size picker, shows the cart, uploads photos, shows
   "For you" (GET /v1/recommendations), and reports what the shopper does (POST /v1/events:
   a card seen in the panel is a view, a click on its photo or title a click, a cart add
   an add_to_cart), batched, so that the next recommendation and search follow it. */
(function () {
  "use strict";
  var script = document.currentScript;
  var API = (script && script.getAttribute("data-api")) || "";
  var css = document.createElement("link");
  css.rel = "stylesheet";
  css.href = API + "/widget/widget.css";
  document.head.appendChild(css);

  var sessionId = null;
  try { sessionId = localStorage.getItem("atelier-session"); } catch (e) { /* private mode */ }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === "text") node.textContent = attrs[k];
      else if (k.slice(0, 2) === "on") node.addEventListener(k.slice(2), attrs[k]);
      else node.setAttribute(k, attrs[k]);
    });
    (children || []).forEach(function (c) { if (c) node.appendChild(c); });
    return node;
  }
  function money(v) { return "\u20b9" + Math.round(v).toLocaleString("en-IN"); }

  var bubble = el("button", {"class": "atl-bubble", "aria-label": "Open shopping assistant",
    "aria-expanded": "false", "aria-controls": "atl-panel", text: "\u2709"});
  var log = el("div", {"class": "atl-log", role: "log", "aria-live": "polite"});
  var chips = el("div", {"class": "atl-chips", "aria-label": "Suggestions"});
  var input = el("input", {type: "text", "aria-label": "Message", placeholder: "Ask for anything in the store\u2026",
    maxlength: "2000"});
  var file = el("input", {type: "file", accept: "image/*", "class": "atl-sr", id: "atl-file"});
  var preview = el("img", {"class": "atl-preview", alt: "Photo to search with", hidden: ""});
  var form = el("form", {"class": "atl-form"}, [
    el("label", {"for": "atl-file", title: "Search by photo", "aria-label": "Upload a photo", tabindex: "0",
      text: "Photo", onkeydown: function (e) { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); file.click(); } }}),
    file, preview, input, el("button", {type: "submit", text: "Send"})]);
  var cartBtn = el("button", {type: "button", text: "Cart", onclick: showCart});
  var forYouBtn = el("button", {type: "button", text: "For you", onclick: showForYou});
  var closeBtn = el("button", {type: "button", "aria-label": "Close assistant", text: "\u2715", onclick: toggle});
  var panel = el("section", {"class": "atl-panel", id: "atl-panel", role: "dialog", "aria-label": "Atelier assistant",
    hidden: ""}, [el("div", {"class": "atl-head"}, [el("strong", {text: "Atelier"}),
      el("span", {}, [forYouBtn, cartBtn, closeBtn])]), log, chips, form]);
  document.body.appendChild(bubble);
  document.body.appendChild(panel);

  function toggle() {
    var open = panel.hasAttribute("hidden");
    if (open) { panel.removeAttribute("hidden"); input.focus(); } else { panel.setAttribute("hidden", ""); bubble.focus(); }
    bubble.setAttribute("aria-expanded", String(open));
  }
  bubble.addEventListener("click", toggle);
  panel.addEventListener("keydown", function (e) { if (e.key === "Escape") toggle(); });

  function say(text, who) {
    var node = el("div", {"class": "atl-msg " + (who === "user" ? "atl-user" : "atl-bot"), text: text});
    log.appendChild(node);
    log.scrollTop = log.scrollHeight;
    return node;
  }

  // Shopper events: queued and sent together a moment later (one request for a screenful).
  var queue = [], flushTimer = null, viewed = {};
  function track(type, p, position, source) {
    if (!sessionId) return;
    var event = {session_id: sessionId, type: type, product_id: p.id, source: source};
    if (position) event.position = position;
    queue.push(event);
    if (!flushTimer) flushTimer = setTimeout(flushEvents, 300);
  }
  function flushEvents() {
    if (flushTimer) { clearTimeout(flushTimer); flushTimer = null; }
    if (!queue.length) return Promise.resolve();
    var batch = queue.splice(0, 100);
    var sent = fetch(API + "/v1/events", {method: "POST", keepalive: true, headers: {"Content-Type": "application/json"},
      body: JSON.stringify({events: batch})}).catch(function () { /* events are best effort */ });
    return queue.length ? sent.then(flushEvents) : sent;
  }
  window.addEventListener("pagehide", flushEvents);
  var seen = "IntersectionObserver" in window ? new IntersectionObserver(function (entries) {
    entries.forEach(function (entry) {
      if (!entry.isIntersecting) return;
      var card = entry.target, key = card.getAttribute("data-source") + ":" + card.getAttribute("data-id");
      seen.unobserve(card);
      if (viewed[key]) return;
      viewed[key] = true;
      track("view", {id: card.getAttribute("data-id")}, Number(card.getAttribute("data-position")),
        card.getAttribute("data-source"));
    });
  }, {root: log, threshold: 0.5}) : null;

  function productCard(p, position, source) {
    var low = (p.sizes_in_stock || []).filter(function (s) { return p.stock && p.stock[s] <= 3; });
    var sizeSelect = el("select", {"aria-label": "Size for " + p.title},
      (p.sizes_in_stock || []).map(function (s) { return el("option", {value: s, text: s}); }));
    var add = el("button", {type: "button", text: "Add to cart", onclick: function () {
      addToCart(p, sizeSelect.value, position, source); }});
    function clicked() { track("click", p, position, source); }
    if (!p.in_stock) { add.disabled = true; add.textContent = "Sold out"; }
    var card = el("article", {"class": "atl-card", "data-id": p.id, "data-position": String(position || ""),
      "data-source": source || "chat"}, [
      p.image_url ? el("img", {src: API + p.image_url, alt: p.title, loading: "lazy", onclick: clicked}) : null,
      el("div", {"class": "atl-title", text: p.title, onclick: clicked}),
      el("div", {"class": "atl-price"}, [document.createTextNode(money(p.price)),
        p.discount_pct ? el("s", {text: money(p.list_price)}) : null]),
      p.discount_pct ? el("div", {"class": "atl-off", text: p.discount_pct + "% off"}) : null,
      el("div", {"class": "atl-sizes", text: p.in_stock ? "In stock: " + p.sizes_in_stock.join(", ") : "Sold out"}),
      low.length ? el("div", {"class": "atl-low", text: "Only " + p.stock[low[0]] + " left in " + low[0]}) : null,
      p.in_stock ? sizeSelect : null, add]);
    if (seen) seen.observe(card);
    return card;
  }

  function renderResults(data, bubbleNode, source) {
    source = source || "chat";
    var byId = {};
    (data.products || []).forEach(function (p) { byId[p.id] = p; });
    if (data.outfits && data.outfits.length) {
      data.outfits.forEach(function (o, i) {
        log.appendChild(el("div", {"class": "atl-outfit"}, [
          el("strong", {text: "Outfit " + (i + 1) + " \u00b7 total " + money(o.total_price)}),
          el("p", {text: o.explanation}),
          el("div", {"class": "atl-cards"}, o.items.map(function (id, n) {
            return byId[id] && productCard(byId[id], n + 1, "outfit"); }))]));
      });
    } else if (data.products && data.products.length) {
      log.appendChild(el("div", {"class": "atl-cards"}, data.products.map(function (p, n) {
        return productCard(p, n + 1, source); })));
    }
    if (bubbleNode) linkCitations(bubbleNode, data.products || []);
    log.scrollTop = log.scrollHeight;
  }

  function linkCitations(node, products) {
    var text = node.textContent;
    node.textContent = "";
    var parts = [{text: text}];
    products.forEach(function (p) {
      parts = parts.flatMap(function (part) {
        if (part.id || part.text.indexOf(p.title) < 0) return [part];
        var pieces = part.text.split(p.title), out = [];
        pieces.forEach(function (piece, i) { out.push({text: piece}); if (i < pieces.length - 1) out.push({text: p.title, id: p.id}); });
        return out;
      });
    });
    parts.forEach(function (part) {
      if (!part.id) { node.appendChild(document.createTextNode(part.text)); return; }
      var span = el("span", {"class": "atl-cite", tabindex: "0", "data-cites": part.id, text: part.text});
      function hl(on) {
        log.querySelectorAll('.atl-card[data-id="' + part.id + '"]').forEach(function (c) { c.classList.toggle("atl-hl", on); });
      }
      span.addEventListener("mouseenter", function () { hl(true); });
      span.addEventListener("mouseleave", function () { hl(false); });
      span.addEventListener("focus", function () { hl(true); });
      span.addEventListener("blur", function () { hl(false); });
      node.appendChild(span);
    });
  }

  function setChips(intent) {
    var options = intent === "search" || intent === "refine" || intent === "more" ?
      ["Cheaper", "Show more", "What goes with the first one?", "Is the first one available in M?"] :
      intent === "outfit" ? ["Cheaper outfit", "Show my cart"] : ["Show my cart", "Can I return sale items?"];
    chips.textContent = "";
    options.forEach(function (t) { chips.appendChild(el("button", {type: "button", text: t, onclick: function () { send(t); }})); });
  }

  // The server issues session ids; one it no longer knows (its data was reset) is
  // forgotten and the message sent again in a new session.
  function chatRequest(text) {
    return fetch(API + "/v1/chat", {method: "POST", headers: {"Content-Type": "application/json", "Accept": "text/event-stream"},
      body: JSON.stringify({message: text, session_id: sessionId, stream: true})})
      .then(function (res) {
        if (res.status !== 404 || !sessionId) return res;
        return res.clone().json().then(function (body) {
          if (!body.error || body.error.code !== "unknown_session") return res;
          sessionId = null;
          try { localStorage.removeItem("atelier-session"); } catch (e) { /* ignore */ }
          return chatRequest(text);
        });
      });
  }

  function send(text) {
    if (!text.trim()) return;
    say(text, "user");
    var bot = say("", "bot");
    bot.setAttribute("aria-busy", "true");
    chatRequest(text)
      .then(function (res) {
        if (!res.ok) return res.json().then(function (body) { throw new Error(body.error ? body.error.message : res.status); });
        var reader = res.body.getReader(), decoder = new TextDecoder(), buffer = "", done = null;
        function handle(block) {
          var event = "message", data = [];
          block.split(/\r?\n/).forEach(function (line) {
            if (line.indexOf("event:") === 0) event = line.slice(6).trim();
            else if (line.indexOf("data:") === 0) data.push(line.slice(5).replace(/^ /, ""));
          });
          if (!data.length) return;
          var payload = JSON.parse(data.join("\n"));
          if (event === "delta") { bot.textContent += payload; log.scrollTop = log.scrollHeight; }
          else if (event === "done") done = payload;
        }
        function pump() {
          return reader.read().then(function (chunk) {
            if (chunk.done) return done;
            buffer += decoder.decode(chunk.value, {stream: true});
            var blocks = buffer.split(/\r?\n\r?\n/);
            buffer = blocks.pop();
            blocks.forEach(handle);
            return pump();
          });
        }
        return pump();
      })
      .then(function (done) {
        bot.removeAttribute("aria-busy");
        if (!done) return;
        sessionId = done.session_id;
        try { localStorage.setItem("atelier-session", sessionId); } catch (e) { /* ignore */ }
        bot.textContent = done.answer;
        renderResults(done, bot);
        setChips(done.intent);
      })
      .catch(function (err) { bot.removeAttribute("aria-busy"); bot.textContent = "Sorry: " + err.message; });
  }

  function addToCart(p, size, position, source) {
    if (!sessionId) { say("Ask me something first so I can open a cart for you.", "bot"); return; }
    fetch(API + "/v1/cart/" + encodeURIComponent(sessionId) + "/items", {method: "POST",
      headers: {"Content-Type": "application/json"}, body: JSON.stringify({product_id: p.id, size: size})})
      .then(function (res) { return res.json().then(function (body) { return {ok: res.ok, body: body}; }); })
      .then(function (r) {
        if (r.ok) track("add_to_cart", p, position, source);
        say(r.ok ? "Added " + p.title + " (size " + size + ") to your cart. Cart total: " + money(r.body.total) + "."
                 : r.body.error.message, "bot");
      });
  }

  function showCart() {
    if (!sessionId) { say("Your cart is empty.", "bot"); return; }
    fetch(API + "/v1/cart/" + encodeURIComponent(sessionId)).then(function (res) { return res.json(); })
      .then(function (cart) {
        if (!cart.items || !cart.items.length) { say("Your cart is empty.", "bot"); return; }
        say("Your cart:\n" + cart.items.map(function (i) {
          return i.title + " \u2014 size " + i.size + " \u00d7 " + i.quantity + " \u2014 " + money(i.line_total);
        }).join("\n") + "\nTotal: " + money(cart.total), "bot");
      });
  }

  // "For you": what the session clicked and carted leads; a new session gets what is popular.
  function ensureSession() {
    if (sessionId) return Promise.resolve(sessionId);
    return fetch(API + "/v1/sessions", {method: "POST"}).then(function (res) { return res.json(); })
      .then(function (body) {
        sessionId = body.session_id;
        try { localStorage.setItem("atelier-session", sessionId); } catch (e) { /* ignore */ }
        return sessionId;
      });
  }
  function showForYou() {
    flushEvents().then(ensureSession)
      .then(function (id) { return fetch(API + "/v1/recommendations?k=6&session_id=" + encodeURIComponent(id)); })
      .then(function (res) { return res.json().then(function (body) { return {ok: res.ok, body: body}; }); })
      .then(function (r) {
        if (!r.ok && r.body.error && r.body.error.code === "unknown_session") {
          sessionId = null;
          try { localStorage.removeItem("atelier-session"); } catch (e) { /* ignore */ }
          return showForYou();
        }
        if (!r.ok) { say(r.body.error.message, "bot"); return; }
        say("Recommended for you:", "bot");
        renderResults({products: r.body.products}, null, "recommendation");
      });
  }

  function uploadPhoto(f) {
    if (!f || f.type.indexOf("image/") !== 0) { say("Please choose an image file.", "bot"); return; }
    preview.src = URL.createObjectURL(f);
    preview.removeAttribute("hidden");
    var data = new FormData();
    data.append("file", f);
    if (input.value.trim()) data.append("query", input.value.trim());
    say("Photo: " + f.name, "user");
    fetch(API + "/v1/search/image", {method: "POST", body: data})
      .then(function (res) { return res.json().then(function (body) { return {ok: res.ok, body: body}; }); })
      .then(function (r) {
        if (!r.ok) { say(r.body.error.message, "bot"); return; }
        say("Products that look like your photo:", "bot");
        renderResults({products: r.body.results}, null, "search");
      });
  }

  form.addEventListener("submit", function (e) { e.preventDefault(); var t = input.value; input.value = ""; send(t); });
  file.addEventListener("change", function () { uploadPhoto(file.files[0]); });
  panel.addEventListener("dragover", function (e) { e.preventDefault(); panel.classList.add("atl-drop"); });
  panel.addEventListener("dragleave", function () { panel.classList.remove("atl-drop"); });
  panel.addEventListener("drop", function (e) {
    e.preventDefault(); panel.classList.remove("atl-drop");
    if (e.dataTransfer.files.length) uploadPhoto(e.dataTransfer.files[0]);
  });
  say("Hi! Tell me what you're looking for \u2014 e.g. \u201ca navy casual shirt for men under 1500\u201d.", "bot");
  setChips("start");
})();
