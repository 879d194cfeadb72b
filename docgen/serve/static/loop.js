// docgen serve — the submission loop on the pages: submit, attachments, the next step, the timeline,
// reviewers' comments beside the fields they concern, and the reviewer's decision. Every action is a
// call of the loop's API; the page then shows what the server holds.
(function () {
  "use strict";

  var csrf = document.body.getAttribute("data-csrf") || "";

  function call(method, url, body, type) {
    var headers = { "Accept": "application/json", "X-CSRF-Token": csrf };
    if (type) headers["Content-Type"] = type;
    return fetch(url, { method: method, headers: headers, body: body, credentials: "same-origin" })
      .then(function (response) {
        return response.text().then(function (text) {
          var parsed = null;
          try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
          return { ok: response.ok, status: response.status, body: parsed };
        });
      });
  }
  function problem(r) { return (r.body && r.body.error) || ("服务器没有响应（" + r.status + "）"); }
  function say(box, text, bad) {
    if (!box) return;
    box.textContent = text;
    box.className = bad ? "problem" : "notice good";
    box.setAttribute("role", bad ? "alert" : "status");
  }
  function when(iso) {
    var d = new Date(iso);
    return d.getFullYear() + "-" + ("0" + (d.getMonth() + 1)).slice(-2) + "-" + ("0" + d.getDate()).slice(-2) +
      " " + ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }

  // ------------------------------------------------------------ the project page

  var loop = document.getElementById("s-loop");
  if (loop) {
    var key = loop.getAttribute("data-key");
    var base = "/api/projects/" + encodeURIComponent(key);
    var message = document.getElementById("loop-message");

    var submit = document.getElementById("submit-project");
    if (submit) submit.addEventListener("click", function () {
      submit.disabled = true;
      say(message, "正在生成并保存申报材料…", false);
      call("POST", base + "/submit", "", "application/json").then(function (r) {
        submit.disabled = false;
        if (r.ok) { window.location.reload(); return; }
        var text = problem(r);
        if (r.body && r.body.findings) text += "（" + r.body.findings.filter(function (f) { return f.severity === "error"; })
          .map(function (f) { return f.message; }).slice(0, 3).join("；") + "）";
        say(message, "未能提交：" + text, true);
      });
    });

    document.addEventListener("change", function (event) {
      var input = event.target;
      if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-attach") || !input.files.length) return;
      var body = new FormData();
      body.append("file", input.files[0]);
      call("POST", base + "/attachments?item=" + encodeURIComponent(input.getAttribute("data-attach")), body)
        .then(function (r) {
          input.value = "";
          if (!r.ok) { say(message, "未能上传：" + problem(r), true); return; }
          say(message, "已上传「" + r.body.name + "」", false);
          showAttachments();
        });
    });

    var advance = document.getElementById("advance-form");
    if (advance) advance.addEventListener("submit", function (event) {
      event.preventDefault();
      call("POST", base + "/advance", JSON.stringify({ state: advance.elements.state.value }), "application/json")
        .then(function (r) {
          if (r.ok) window.location.reload(); else say(message, "未能办理：" + problem(r), true);
        });
    });

    function showAttachments() {
      call("GET", base + "/attachments").then(function (r) {
        if (!r.ok) return;
        document.querySelectorAll("[data-attached-for]").forEach(function (span) { span.textContent = ""; });
        r.body.forEach(function (a) {
          var span = document.querySelector('[data-attached-for="' + CSS.escape(a.item) + '"]');
          if (!span) return;
          span.appendChild(document.createTextNode(span.childNodes.length ? "、" : "已附："));
          span.appendChild(document.createTextNode(a.name));
          // whoever may attach may also take a file back (the wrong one picked); said in the audit log
          var mayEdit = span.parentElement && span.parentElement.querySelector("[data-attach]");
          if (!mayEdit) return;
          var remove = document.createElement("button");
          remove.type = "button";
          remove.className = "link danger";
          remove.textContent = "删除";
          remove.setAttribute("aria-label", "删除附件「" + a.name + "」");
          remove.addEventListener("click", function () {
            if (!window.confirm("删除附件「" + a.name + "」？")) return;
            call("DELETE", base + "/attachments/" + a.id).then(function (answer) {
              if (!answer.ok) { say(message, "未能删除：" + problem(answer), true); return; }
              say(message, "已删除附件「" + a.name + "」", false);
              showAttachments();
            });
          });
          span.appendChild(document.createTextNode(" "));
          span.appendChild(remove);
        });
      });
    }

    function showTimeline() {
      call("GET", base + "/timeline").then(function (r) {
        var list = document.getElementById("timeline");
        if (!r.ok || !list) return;
        list.textContent = "";
        r.body.forEach(function (t) {
          var li = document.createElement("li");
          li.textContent = when(t.at) + " " + t.account + (t.unit ? "（" + t.unit + "）" : "") + " " + t.action +
            " → " + t.state + (t.note ? "：" + t.note : "") + (t.due ? "（期限：" + t.due + "）" : "");
          list.appendChild(li);
        });
      });
    }

    // Reviewers' comments beside the fields they concern; resolved once the field changed.
    function showComments() {
      call("GET", base + "/comments").then(function (r) {
        if (!r.ok) return;
        document.querySelectorAll(".review-comment").forEach(function (node) { node.remove(); });
        r.body.forEach(function (c) {
          var place = null;
          var path = c.field;
          while (path && !place) {
            place = document.querySelector('[data-field="' + CSS.escape(path) + '"]');
            var cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
            path = cut > 0 ? path.slice(0, cut) : "";
          }
          var note = document.createElement("div");
          note.className = "review-comment " + (c.resolved ? "resolved" : "open");
          note.setAttribute("data-comment-field", c.field);
          note.textContent = (c.resolved ? "审查意见（已修改）：" : "审查意见：") + c.text + "（" + c.author + "）";
          if (place) place.appendChild(note);
          else if (message) message.parentNode.insertBefore(note, message.nextSibling);
        });
      });
    }

    showAttachments();
    showTimeline();
    showComments();
    document.addEventListener("docgen:saved", showComments);
  }

  // ------------------------------------------------------------ the reviewer's page

  var decision = document.getElementById("review-decision");
  var submission = document.getElementById("submission");
  if (submission) {
    var subject = submission.getAttribute("data-key");
    var api = "/api/projects/" + encodeURIComponent(subject);
    var out = document.getElementById("review-message");
    if (decision) {
      var added = 0;
      document.getElementById("add-comment").addEventListener("click", function () {
        var first = document.querySelector("#comment-rows .comment-row");
        var copy = first.cloneNode(true);
        added += 1;
        copy.querySelectorAll("select, input").forEach(function (el) {
          var id = el.id.replace(/-\d+$/, "-" + added);
          var label = copy.querySelector('label[for="' + el.id + '"]');
          if (label) label.setAttribute("for", id);
          el.id = id;
          el.value = "";
        });
        document.getElementById("comment-rows").appendChild(copy);
      });
      decision.addEventListener("submit", function (event) {
        event.preventDefault();
        var chosen = event.submitter ? event.submitter.value : "";
        var comments = [];
        document.querySelectorAll("#comment-rows .comment-row").forEach(function (row) {
          var text = row.querySelector("input").value.trim();
          if (text) comments.push({ field: row.querySelector("select").value, text: text });
        });
        call("POST", api + "/review", JSON.stringify({
          decision: chosen, opinion: document.getElementById("review-opinion").value, comments: comments
        }), "application/json").then(function (r) {
          if (r.ok) { say(out, "已" + chosen + "，项目现在是「" + r.body.state + "」", false); window.location.reload(); }
          else say(out, "未能办理：" + problem(r), true);
        });
      });
    }
    document.querySelectorAll("[data-advance]").forEach(function (button) {
      button.addEventListener("click", function () {
        call("POST", api + "/advance", JSON.stringify({ state: button.getAttribute("data-advance") }), "application/json")
          .then(function (r) {
            if (r.ok) window.location.reload(); else say(out, "未能办理：" + problem(r), true);
          });
      });
    });
    var security = document.getElementById("security-form");
    if (security) security.addEventListener("submit", function (event) {
      event.preventDefault();
      call("POST", api + "/security-review", JSON.stringify({
        part: security.getAttribute("data-part"), result: security.elements.result.value,
        unit: security.elements.unit.value, date: security.elements.date.value
      }), "application/json").then(function (r) {
        if (r.ok) say(out, "已记录审查结果，附件2 已重新生成（在「提交的材料」中）", false);
        else say(out, "未能记录：" + problem(r), true);
      });
    });
  }
})();
