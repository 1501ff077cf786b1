/* Commonweal's ballot page: a running count of choices and of their cost against the
   budget, and no more ticks than the ballot allows. Our own code, no dependencies.
   The page works without it: the server checks every limit again on submission. */
(function () {
  "use strict";

  var problems = document.getElementById("problems");
  if (problems && document.activeElement !== problems) {
    problems.focus();
  }

  var form = document.getElementById("ballot-form");
  var texts = document.getElementById("ballot-texts");
  var tally = document.getElementById("ballot-tally");
  if (!form || !texts || !tally) {
    return;
  }
  var say = texts.dataset;
  var kind = form.dataset.kind;
  var most = parseInt(form.dataset.maxChoices || "0", 10) || 0;
  var points = parseInt(form.dataset.points || "0", 10) || 0;
  var budget = parseFloat(form.dataset.budget || "0") || 0;
  var rows = Array.prototype.slice.call(form.querySelectorAll("tbody tr[data-cost]"));
  var counter = document.getElementById("counter");
  var remaining = document.getElementById("remaining");
  var cost = document.getElementById("cost");
  var limitNote = document.getElementById("limit-note");
  // Amounts in the community's currency (the form's data-currency), as the page writes
  // them; plain numbers where the browser does not know the language or the currency.
  // Western digits in every language, Arabic included, as on the server's pages
  // (docs/decisions/bidi-latin-digits-in-arabic.md).
  var numbers;
  var money = { maximumFractionDigits: 2, numberingSystem: "latn" };
  if (form.dataset.currency) {
    money = { style: "currency", currency: form.dataset.currency, maximumFractionDigits: 2, minimumFractionDigits: 0, numberingSystem: "latn" };
  }
  try {
    numbers = new Intl.NumberFormat(document.documentElement.lang || undefined, money);
  } catch (error) {
    numbers = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, numberingSystem: "latn" });
  }

  function fill(text, values) {
    return Object.keys(values).reduce(function (filled, key) {
      return filled.split(key).join(values[key]);
    }, text);
  }

  function inputOf(row) {
    return row.querySelector("input");
  }

  function isChosen(row) {
    var input = inputOf(row);
    if (kind === "approval") {
      return input.checked;
    }
    if (kind === "points") {
      return (parseInt(input.value || "0", 10) || 0) > 0;
    }
    return input.value.trim() !== "";
  }

  function chosenRows() {
    return rows.filter(isChosen);
  }

  function countText(count) {
    if (kind === "ranking") {
      return fill(say.ranked, { COUNT: count, LIMIT: most || rows.length });
    }
    if (most) {
      return fill(say.chosen, { COUNT: count, LIMIT: most });
    }
    return fill(say.chosenFree, { COUNT: count });
  }

  function showPoints() {
    var used = rows.reduce(function (sum, row) {
      return sum + (parseInt(inputOf(row).value || "0", 10) || 0);
    }, 0);
    var left = points - used;
    remaining.textContent = fill(left >= 0 ? say.left : say.over, { POINTS: Math.abs(left) });
    remaining.className = left >= 0 ? "" : "problems";
  }

  function showCost(chosen) {
    var total = chosen.reduce(function (sum, row) {
      return sum + (parseFloat(row.dataset.cost) || 0);
    }, 0);
    var over = budget > 0 && total > budget;
    cost.textContent = fill(over ? say.overBudget : say.cost, {
      COST: numbers.format(total),
      BUDGET: numbers.format(budget)
    });
    cost.className = over ? "notice" : "";
  }

  function update() {
    var chosen = chosenRows();
    counter.textContent = countText(chosen.length);
    if (kind === "points") {
      showPoints();
    }
    showCost(chosen);
    rows.forEach(function (row) {
      row.classList.toggle("chosen", isChosen(row));
    });
    // Only a real change gets here (a refused tick changes nothing), so the note about
    // a refused tick stays until the voter changes something.
    limitNote.textContent = most && chosen.length > most ? fill(say.tooMany, { LIMIT: most }) : "";
  }

  // A tick beyond the limit is undone before it shows, and the voter is told why.
  form.addEventListener("click", function (event) {
    var box = event.target;
    if (kind !== "approval" || !most || box.name !== "choice" || !box.checked) {
      return;
    }
    if (chosenRows().length > most) {
      event.preventDefault();
      limitNote.textContent = fill(say.limit, { LIMIT: most });
    }
  });
  form.addEventListener("input", update);
  form.addEventListener("change", update);

  tally.hidden = false;
  update();
})();
