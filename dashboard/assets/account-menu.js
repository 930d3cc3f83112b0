// The signed-in user's account menu (a <details>, dashboard/components/access.py) closes as menus do:
// on a click outside it, on Escape (the focus goes back to its button) and when one of its links is
// followed. Without this script it still opens and closes by its button.
(function () {
  function openMenus() {
    return Array.prototype.slice.call(document.querySelectorAll('details.account-menu[open]'));
  }
  document.addEventListener('click', function (event) {
    openMenus().forEach(function (menu) {
      var inside = menu.contains(event.target);
      if (!inside || event.target.closest('.account-item')) {
        menu.removeAttribute('open');
      }
    });
  });
  document.addEventListener('keydown', function (event) {
    if (event.key !== 'Escape') {
      return;
    }
    openMenus().forEach(function (menu) {
      menu.removeAttribute('open');
      var toggle = menu.querySelector('summary');
      if (toggle) {
        toggle.focus();
      }
    });
  });
})();
