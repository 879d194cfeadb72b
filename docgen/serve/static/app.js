// docgen serve: findings beside their fields, the sections' status, the review form.
// Standard DOM only (no framework), so the page works in every browser a desk may have.
(function () {
  "use strict";

  function findings() {
    var node = document.getElementById("findings-data");
    if (!node) return [];
    try { return JSON.parse(node.textContent || "[]"); } catch (e) { return []; }
  }

  // The element a finding belongs beside: its field, else the nearest enclosing field.
  function placeFor(field) {
    var path = field;
    while (path) {
      var found = document.querySelector('.msg[data-for="' + CSS.escape(path) + '"]');
      if (found) return found;
      var cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
      if (cut <= 0) break;
      path = path.slice(0, cut);
    }
    return null;
  }

  function show() {
    var list = findings();
    document.querySelectorAll(".msg").forEach(function (m) { m.textContent = ""; m.className = "msg"; });
    document.querySelectorAll("[data-field].has-error, [data-field].has-warning").forEach(function (el) {
      el.classList.remove("has-error", "has-warning");
    });
    list.forEach(function (f) {
      if (!f.field || f.severity === "info") return;
      var place = placeFor(f.field);
      if (!place) return;
      var line = document.createElement("div");
      line.className = "line " + f.severity;
      line.textContent = (f.severity === "error" ? "错误 " : "警告 ") + f.code + "：" + f.message;
      place.appendChild(line);
      place.classList.add("shown");
      var input = document.querySelector('[name="value"][data-field="' + CSS.escape(f.field) + '"]');
      if (input) input.classList.add(f.severity === "error" ? "has-error" : "has-warning");
    });
    document.querySelectorAll("nav.sections a[data-prefixes]").forEach(function (a) {
      var prefixes = JSON.parse(a.getAttribute("data-prefixes"));
      var errors = 0, warnings = 0;
      list.forEach(function (f) {
        var field = f.field || "";
        var mine = prefixes.some(function (p) {
          return field === p || field.indexOf(p + ".") === 0 || field.indexOf(p + "[") === 0;
        });
        if (!mine) return;
        if (f.severity === "error") errors++; else if (f.severity === "warning") warnings++;
      });
      var status = a.querySelector(".status");
      status.textContent = errors ? errors + " 错" : (warnings ? warnings + " 警" : "✓");
      status.className = "status " + (errors ? "bad" : (warnings ? "warn" : "good"));
    });
  }

  document.addEventListener("DOMContentLoaded", show);
  document.body && document.body.addEventListener("htmx:afterSettle", show);
  document.addEventListener("htmx:afterSettle", show);

  // A request that failed: its Chinese message where the person is looking.
  document.addEventListener("htmx:responseError", function (event) {
    var text = event.detail.xhr.responseText || "";
    var box = document.getElementById("problem") || document.createElement("div");
    box.id = "problem";
    box.className = "problem";
    box.setAttribute("role", "alert");
    var parsed = null;
    try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
    box.textContent = parsed && parsed.error ? parsed.error : (new DOMParser().parseFromString(text, "text/html").body.textContent || "请求失败");
    document.body.insertBefore(box, document.body.firstChild.nextSibling);
  });

  // The reviewer's form: the project chosen decides where the result is recorded.
  document.addEventListener("click", function (event) {
    if (!event.target || event.target.id !== "record-review") return;
    var form = document.getElementById("review-form");
    var project = document.getElementById("review-project").value;
    if (!project) return;
    var token = JSON.parse(document.body.getAttribute("hx-headers"))["X-CSRF-Token"];
    fetch("/p/" + encodeURIComponent(project) + "/review", {
      method: "POST", body: new FormData(form), headers: { "X-CSRF-Token": token }
    }).then(function (r) { return r.text(); }).then(function (html) {
      document.getElementById("reviewed").innerHTML = html;
    });
  });
})();
