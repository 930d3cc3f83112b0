/* Every page's title names the page ("Hedef 1.1.6 · 2014-2023 İzmir Bölge Planı · Gösterge"), and after
   a navigation the keyboard focus moves to the page's heading, so a screen reader announces the new
   page. Runs in the browser only; nothing is fetched. */
(function () {
  "use strict";
  var wanted = "";
  var focusedHeading = null;
  var focusedAt = location.pathname + location.search;  // the first page keeps the focus where it is

  function text(element) {
    return element ? element.textContent.replace(/\s+/g, " ").trim() : "";
  }

  function planName() {
    var select = document.getElementById("plan-switcher");
    if (!select) { return ""; }
    var option = select.options[select.selectedIndex];
    if (!option || !option.value) { return ""; }
    // the switcher shows a short name ("İzmir 2014-2023"); its box's tooltip has the whole one
    var box = select.closest(".plan-switcher-item");
    return (box && box.getAttribute("title")) || text(option);
  }

  function pageName(main) {
    var heading = main.querySelector("h1");
    var kicker = main.querySelector(".page-heading .card-kicker");
    var plan = planName();
    var name = text(kicker);
    // the kicker names a level and its code ("Hedef 1.1.6", "Amaç A1", "Gösterge 1.1.2.2"): shorter
    // than a goal's title and what people say; any other kicker (a plan, a region) leaves the heading
    if (!/\s[A-Za-z]?\d+(\.\d+)*$/.test(name) || name === plan) { name = text(heading); }
    return name;
  }

  function update() {
    var main = document.getElementById("main-content");
    var heading = main && main.querySelector("h1");
    if (!heading) { return; }
    var parts = [pageName(main), planName(), "Gösterge"].filter(function (part, index, all) {
      return part && all.indexOf(part) === index;
    });
    wanted = parts.join(" · ");
    if (document.title !== wanted) { document.title = wanted; }
    var here = location.pathname + location.search;
    var lost = focusedHeading && !focusedHeading.isConnected && document.activeElement === document.body;
    // a live refresh of the same page never moves the focus; a new address, or a heading focused a
    // moment ago and since replaced by the new page's own (the focus fell to the body), does
    if (here === focusedAt && !lost) { return; }
    if (heading === focusedHeading) { return; }
    focusedAt = here;
    focusedHeading = heading;
    heading.setAttribute("tabindex", "-1");
    heading.focus({ preventScroll: false });
  }

  var pending = null;
  function schedule() {
    if (pending) { clearTimeout(pending); }
    pending = setTimeout(update, 50);  // after Dash has written its own title
  }

  function watch() {
    var main = document.getElementById("main-content");
    if (!main) { setTimeout(watch, 100); return; }
    new MutationObserver(schedule).observe(main, { childList: true, subtree: true });
    var nav = document.getElementById("navbar");
    if (nav) { new MutationObserver(schedule).observe(nav, { childList: true, subtree: true }); }
    // Dash writes its own title after a page's layout arrives: put the page's name back
    var titleElement = document.querySelector("title");
    if (titleElement) {
      new MutationObserver(function () {
        if (wanted && document.title !== wanted) { schedule(); }
      }).observe(titleElement, { childList: true, characterData: true, subtree: true });
    }
    schedule();
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", watch); } else { watch(); }
})();
