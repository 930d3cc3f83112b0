/* Server-written HTML drawn as one element (gosterge.Markup, dashboard/components/markup.py; issue 16).

   A long part of a page that no callback changes (goal tiles, a scorecard, the monitoring table) comes
   as HTML the server wrote and escaped; React sets it as the inner HTML of one element instead of making
   a component for every cell. Its in-app links (a[data-app-link], written for dcc.Link) are followed as
   dcc.Link follows them: the address pushed to the history and Dash's router told, no reload. A click
   with a modifier key, or on a link to another window, is left to the browser. */
(function () {
  "use strict";
  var React = window.React;

  function Markup(props) {
    return React.createElement("div", {
      id: props.id,
      className: props.className,
      dangerouslySetInnerHTML: { __html: props.html || "" }
    });
  }

  window.gosterge = Object.assign({}, window.gosterge, { Markup: Markup });

  document.addEventListener("click", function (event) {
    if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) {
      return;
    }
    var link = event.target && event.target.closest ? event.target.closest("a[data-app-link]") : null;
    if (!link || (link.target && link.target !== "_self")) {
      return;
    }
    event.preventDefault();
    window.history.pushState({}, "", link.getAttribute("href"));
    window.dispatchEvent(new CustomEvent("_dashprivate_pushstate"));
    window.scrollTo(0, 0);
  });
})();
