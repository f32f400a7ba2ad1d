// A console that follows live stays scrolled to its newest line, unless the reader scrolled up.
(function () {
  function follow() {
    document.querySelectorAll("pre.console").forEach(function (pre) {
      if (pre.dataset.pinned !== "no") {
        pre.scrollTop = pre.scrollHeight;
      }
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    follow();
    document.querySelectorAll("pre.console").forEach(function (pre) {
      pre.addEventListener("scroll", function () {
        pre.dataset.pinned = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 4 ? "yes" : "no";
      });
    });
  });
  document.addEventListener("htmx:sseMessage", follow);
})();
