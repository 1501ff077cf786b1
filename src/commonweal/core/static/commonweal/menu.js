// The site menu on a narrow screen: folded behind one "Menu" button, so that the page
// starts near the top. Without JavaScript the menu simply stays open. Our own code.
(function () {
  "use strict";
  const header = document.querySelector("header.site");
  const toggle = header && header.querySelector(".menu-toggle");
  if (!toggle) return;
  document.documentElement.classList.add("menu-folds");
  toggle.hidden = false;
  toggle.addEventListener("click", function () {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    header.classList.toggle("menu-open", open);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape" && header.classList.contains("menu-open")) {
      toggle.setAttribute("aria-expanded", "false");
      header.classList.remove("menu-open");
      toggle.focus();
    }
  });
})();
