// The glossary's popover: a marked term (<abbr class="term">) shows its expansion and
// definition when it is focused (Tab), hovered or tapped, and hides on Escape or when
// focus leaves. For a signed-in reader, "I know this" posts to the term's address and
// unmarks the term on the page; the server hides it on every page after.
(function () {
  "use strict";
  var script = document.currentScript;
  var csrf = script ? script.dataset.csrf : "";
  var knowLabel = script ? script.dataset.knowLabel : "I know this";
  var moreLabel = script ? script.dataset.moreLabel : "More";
  var popover = null;
  var owner = null;

  function hide() {
    if (popover) { popover.remove(); }
    if (owner) { owner.removeAttribute("aria-describedby"); }
    popover = null;
    owner = null;
  }

  function unmark(key) {
    document.querySelectorAll('abbr.term[data-term="' + CSS.escape(key) + '"]').forEach(function (abbr) {
      abbr.replaceWith(document.createTextNode(abbr.textContent));
    });
  }

  function know(abbr) {
    var body = new URLSearchParams({ csrfmiddlewaretoken: csrf });
    fetch(abbr.dataset.know, { method: "POST", body: body, credentials: "same-origin",
      headers: { "X-Requested-With": "fetch" } }).then(function (response) {
      if (response.ok) { hide(); unmark(abbr.dataset.term); }
    });
  }

  function show(abbr) {
    if (owner === abbr) { return; }
    hide();
    owner = abbr;
    popover = document.createElement("span");
    popover.className = "term-popover";
    // Placed where the text goes on (its static position), above the text, in the page's
    // own colours; after the term in the document, so Tab reaches its button next.
    popover.style.cssText = "position:absolute;z-index:10;display:block;max-width:22rem;" +
      "padding:.5rem .75rem;background:Canvas;color:CanvasText;border:1px solid;" +
      "border-radius:.25rem;box-shadow:0 2px 6px rgba(0,0,0,.25)";
    popover.id = "term-popover";
    popover.setAttribute("role", "tooltip");
    var title = document.createElement("strong");
    title.textContent = abbr.title;
    popover.appendChild(title);
    if (abbr.dataset.definition) {
      var definition = document.createElement("span");
      definition.style.display = "block";
      definition.textContent = abbr.dataset.definition;
      popover.appendChild(definition);
    }
    if (abbr.dataset.href) {
      var more = document.createElement("a");
      more.href = abbr.dataset.href;
      more.textContent = moreLabel;
      more.style.marginInlineEnd = "1em";
      popover.appendChild(more);
    }
    if (abbr.dataset.know && csrf) {
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = knowLabel;
      button.addEventListener("click", function () { know(abbr); });
      popover.appendChild(button);
    }
    abbr.setAttribute("aria-describedby", popover.id);
    abbr.after(popover);
  }

  document.addEventListener("focusin", function (event) {
    var abbr = event.target.closest ? event.target.closest("abbr.term") : null;
    if (abbr) { show(abbr); } else if (popover && !popover.contains(event.target)) { hide(); }
  });
  document.addEventListener("mouseover", function (event) {
    var abbr = event.target.closest ? event.target.closest("abbr.term") : null;
    if (abbr) { show(abbr); }
  });
  document.addEventListener("click", function (event) {
    var abbr = event.target.closest("abbr.term");
    if (abbr) { show(abbr); } else if (popover && !popover.contains(event.target)) { hide(); }
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && popover) {
      var back = owner;
      hide();
      if (back) { back.focus(); }
    }
  });
})();
