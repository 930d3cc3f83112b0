// The charts' toolbar (save as image, reset) is a mouse's tool: its buttons are taken out of the
// keyboard's tab order, so that tabbing through a page does not stop two or three times in each chart;
// the chart's data is in its "show as table" fold for the keyboard (dashboard/figures/alternative.py).
(function () {
  function untab(root) {
    var buttons = root.querySelectorAll ? root.querySelectorAll('.modebar-btn') : [];
    for (var i = 0; i < buttons.length; i += 1) {
      if (buttons[i].getAttribute('tabindex') !== '-1') {
        buttons[i].setAttribute('tabindex', '-1');
      }
    }
  }
  new MutationObserver(function (changes) {
    for (var i = 0; i < changes.length; i += 1) {
      var added = changes[i].addedNodes;
      for (var j = 0; j < added.length; j += 1) {
        if (added[j].nodeType === 1) {
          untab(added[j].classList.contains('modebar-btn') ? added[j].parentNode : added[j]);
        }
      }
    }
  }).observe(document.documentElement, { childList: true, subtree: true });
})();
