// docgen serve — the project form's editor, and the small actions of the other pages.
// Standard DOM only (no framework, no build step), so the page works in every browser a desk may have.
//
// Every change is a JSON Patch sent to the project API (PATCH /api/projects/{key}), with a `test` of what
// this page saw (the whole row for a field of a row): a stale page can never change another row, and a
// change made elsewhere meanwhile is shown beside the field instead of being overwritten. Changes are sent
// one at a time, in order; the page says whether everything is saved, and warns before leaving when not.
(function () {
  "use strict";

  var csrf = document.body ? document.body.getAttribute("data-csrf") || "" : "";

  function api(method, url, body, type, keepalive) {
    var headers = { "Accept": "application/json", "X-CSRF-Token": csrf };
    if (type) headers["Content-Type"] = type;
    return fetch(url, {
      method: method, headers: headers, body: body, credentials: "same-origin", keepalive: !!keepalive
    }).then(function (response) {
      return response.text().then(function (text) {
        var parsed = null;
        try { parsed = text ? JSON.parse(text) : null; } catch (e) { parsed = null; }
        return { status: response.status, ok: response.ok, body: parsed, text: text };
      });
    });
  }

  function problemOf(result) {
    if (result.body && result.body.error) return result.body.error;
    return "服务器没有响应（" + result.status + "）";
  }

  function toast(text, action, onAction) {
    var box = document.getElementById("toast");
    if (!box) { if (text) window.alert(text); return; }
    box.textContent = text;
    if (action) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "add";
      button.textContent = action;
      button.addEventListener("click", function () { box.hidden = true; onAction(); });
      box.appendChild(document.createTextNode(" "));
      box.appendChild(button);
    }
    box.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(function () { box.hidden = true; }, action ? 15000 : 5000);
  }

  // ------------------------------------------------------------------ pages other than the form

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var restore = target.closest("[data-restore]");
    if (restore) {
      var key = restore.getAttribute("data-key");
      var number = parseInt(restore.getAttribute("data-restore"), 10);
      api("POST", "/api/projects/" + encodeURIComponent(key) + "/restore", JSON.stringify({ version: number }),
        "application/json").then(function (r) {
        if (r.ok) { window.location.href = "/p/" + encodeURIComponent(key) + "/history"; }
        else toast("未能恢复：" + problemOf(r));
      });
      return;
    }
    var undelete = target.closest("[data-undelete]");
    if (undelete) {
      var gone = undelete.getAttribute("data-undelete");
      api("POST", "/api/projects/" + encodeURIComponent(gone) + "/undelete", "", "application/json").then(function (r) {
        if (r.ok) window.location.href = "/p/" + encodeURIComponent(gone);
        else toast("未能恢复：" + problemOf(r));
      });
    }
  });

  // The reviewer's form: the project chosen decides where the result is recorded.
  document.addEventListener("click", function (event) {
    if (!event.target || event.target.id !== "record-review") return;
    var form = document.getElementById("review-form");
    var project = document.getElementById("review-project").value;
    var done = document.getElementById("reviewed");
    if (!project) { done.textContent = "请先选择项目"; return; }
    var parts = [["network_security", "网络安全"], ["cryptography", "密码"]];
    var sent = [];
    parts.forEach(function (pair) {
      var result = form.elements[pair[0] + "_result"].value;
      if (!result) return;
      sent.push(api("POST", "/api/projects/" + encodeURIComponent(project) + "/security-review", JSON.stringify({
        part: pair[1], result: result, unit: form.elements[pair[0] + "_unit"].value,
        date: form.elements[pair[0] + "_date"].value
      }), "application/json"));
    });
    if (!sent.length) { done.textContent = "请至少选择一项审查结果（符合或不符合）"; return; }
    Promise.all(sent).then(function (results) {
      var failed = results.filter(function (r) { return !r.ok; });
      done.className = failed.length ? "problem" : "notice good";
      done.setAttribute("role", failed.length ? "alert" : "status");
      if (failed.length) { done.textContent = "未能记录：" + problemOf(failed[0]); return; }
      done.innerHTML = "";
      done.appendChild(document.createTextNode("已记录审查结果。"));
      var link = document.createElement("a");
      link.href = "/p/" + encodeURIComponent(project) + "/download/security.docx";
      link.textContent = "下载重新生成的附件2（.docx）";
      done.appendChild(link);
    });
  });

  // A request of htmx that failed: its Chinese message where the person is looking.
  document.addEventListener("htmx:responseError", function (event) {
    var text = event.detail.xhr.responseText || "";
    var parsed = null;
    try { parsed = JSON.parse(text); } catch (e) { parsed = null; }
    toast(parsed && parsed.error ? parsed.error
      : (new DOMParser().parseFromString(text, "text/html").body.textContent || "请求失败"));
  });

  // Pages come back from Back/Forward as the server has them now, never from the browser's memory.
  window.addEventListener("pageshow", function (event) { if (event.persisted) window.location.reload(); });

  // ------------------------------------------------------------------ the project form

  var dataNode = document.getElementById("project-data");
  if (!dataNode) return;
  var boot = JSON.parse(dataNode.textContent || "{}");
  var key = boot.key;
  var state = { version: boot.version, saved: boot.data || {}, findings: boot.findings || [],
                materials: boot.materials || [] };
  var projectUrl = "/api/projects/" + encodeURIComponent(key);
  var pending = new Map();   // pointer → element: changed on the page, not yet sent
  var inflight = null;       // the change being sent
  var failed = new Map();    // pointer → message: refused or not delivered
  var composing = new WeakSet();
  var timers = new WeakMap();
  var DELAY = 700;

  function unescapeStep(step) { return step.replace(/~1/g, "/").replace(/~0/g, "~"); }
  function steps(pointer) { return pointer ? pointer.slice(1).split("/").map(unescapeStep) : []; }
  function resolve(data, pointer) {
    var node = data;
    var list = steps(pointer);
    for (var i = 0; i < list.length; i++) {
      if (node === null || node === undefined) return null;
      node = Array.isArray(node) ? node[parseInt(list[i], 10)] : node[list[i]];
    }
    return node === undefined ? null : node;
  }
  function dotted(pointer) {
    var out = "";
    steps(pointer).forEach(function (step) {
      if (/^\d+$/.test(step)) out += "[" + step + "]"; else out += (out ? "." : "") + step;
    });
    return out;
  }
  function shown(kind, value) {
    if (value === null || value === undefined) return "";
    if (kind === "cells" && Array.isArray(value)) return value.join(" | ");
    if (kind === "table" && Array.isArray(value)) {
      return value.map(function (row) { return Array.isArray(row) ? row.join(" | ") : String(row); }).join("\n");
    }
    if (Array.isArray(value)) return value.join("\n");
    if (value === true) return "是";
    if (value === false) return "否";
    return String(value);
  }
  function cells(line) {
    var separator = line.indexOf("\t") >= 0 ? "\t" : "|";
    return line.split(separator).map(function (cell) { return cell.trim(); });
  }
  function sent(el) {
    var kind = el.getAttribute("data-kind");
    var text = el.value;
    if (kind === "cells") return text.trim() ? cells(text) : [];
    if (kind === "table") {
      return text.split(/\r?\n/).filter(function (line) { return line.trim(); }).map(cells);
    }
    if (kind === "profile") return text || null;
    return text;
  }
  function fields() { return document.querySelectorAll("[data-pointer]"); }
  function fieldFor(pointer) { return document.querySelector('[data-pointer="' + CSS.escape(pointer) + '"]'); }

  // ------------------------------------------------------------ saving

  var stateBox = document.getElementById("save-state");
  function say(kind, text) {
    stateBox.setAttribute("data-state", kind);
    stateBox.textContent = text;
    if (kind === "failed") {
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "link";
      retry.textContent = "重试";
      retry.addEventListener("click", function () {
        failed.forEach(function (_message, pointer) { var el = fieldFor(pointer); if (el) pending.set(pointer, el); });
        failed.clear();
        pump();
      });
      stateBox.appendChild(document.createTextNode("（"));
      stateBox.appendChild(retry);
      stateBox.appendChild(document.createTextNode("）"));
    }
  }
  function now() {
    var d = new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  function showState() {
    if (inflight || pending.size) { say("saving", "正在保存…"); return; }
    if (failed.size) {
      var first = failed.values().next().value;
      say("failed", "未保存：" + first);
      return;
    }
    say("saved", "已保存 " + now());
  }

  function note(el, text, kind) {
    var box = el.closest(".field, td, .block, .table-block, .image-block, .section");
    if (!box) return;
    var holder = box.querySelector(":scope > .save-note");
    if (!text) { if (holder) holder.remove(); return; }
    if (!holder) {
      holder = document.createElement("div");
      holder.className = "save-note";
      holder.setAttribute("role", "alert");
      el.insertAdjacentElement("afterend", holder);
    }
    holder.className = "save-note " + (kind || "");
    holder.textContent = text;
    return holder;
  }

  function schedule(el, delay) {
    var pointer = el.getAttribute("data-pointer");
    pending.set(pointer, el);
    clearTimeout(timers.get(el));
    timers.set(el, setTimeout(pump, delay));
    showState();
  }

  // The patch for one field: a test of what the page saw (its row, when it is in one), then the value.
  function patchFor(el) {
    var pointer = el.getAttribute("data-pointer");
    var row = el.closest("[data-row]");
    var seenAt = row ? row.getAttribute("data-row") : pointer;
    var ops = [{ op: "test", path: seenAt, value: resolve(state.saved, seenAt) }];
    var value = sent(el);
    var parts = steps(pointer);
    var inList = /^\d+$/.test(parts[parts.length - 1]);  // a paragraph of a section: replace, never insert
    ops.push({ op: inList ? "replace" : "add", path: pointer, value: value === "" ? null : value });
    return ops;
  }

  function pump() {
    if (inflight) return;
    var next = null;
    pending.forEach(function (el, pointer) {
      if (next || composing.has(el)) return;  // an input method still composing: never send pinyin
      next = [pointer, el];
    });
    if (!next) { showState(); return; }
    pending.delete(next[0]);
    var el = next[1];
    if (!document.body.contains(el)) { pump(); return; }
    inflight = el;
    showState();
    var typed = el.value;
    api("PATCH", projectUrl, JSON.stringify(patchFor(el)), "application/json-patch+json").then(function (r) {
      inflight = null;
      var pointer = el.getAttribute("data-pointer");
      if (r.ok) {
        failed.delete(pointer);
        note(el, "");
        accept(r.body, el, typed);
        if (el.getAttribute("data-kind") === "profile") { window.location.reload(); return; }
      } else if (r.status === 409) {
        failed.set(pointer, problemOf(r));
        conflict(el, r.body || {});
      } else if (r.status === 422 || r.status === 403) {
        failed.set(pointer, problemOf(r));
        note(el, "未保存：" + problemOf(r), "bad");
      } else {
        failed.set(pointer, problemOf(r));
      }
      showState();
      pump();
    }, function () {
      inflight = null;
      var pointer = el.getAttribute("data-pointer");
      failed.set(pointer, "无法连接到服务器");
      showState();
    });
  }

  // A saved answer: the project as it now is. Fields nobody is typing in show what it holds.
  function accept(body, own, typed) {
    if (!body) return;
    state.version = body.version;
    state.saved = body.data || state.saved;
    state.findings = body.findings || [];
    if (body.materials) { state.materials = body.materials; showMaterials(); }
    if (body.name !== undefined) {
      var title = document.getElementById("project-title");
      if (title) title.textContent = body.name || "未命名项目";
    }
    reconcile(own, typed);
    showFindings();
    document.dispatchEvent(new CustomEvent("docgen:saved"));  // others (loop.js: reviewers' comments) refresh
  }

  function reconcile(own, typed) {
    var stale = new Set();
    document.querySelectorAll("[data-block]").forEach(function (block) {
      var pointer = block.getAttribute("data-block");
      var value = resolve(state.saved, pointer);
      var rows = block.querySelectorAll(":scope [data-row]").length;
      var count = Array.isArray(value) ? value.length : 0;
      var single = block.querySelector('[data-pointer="' + CSS.escape(pointer) + '"]');
      if ((single && Array.isArray(value)) || (!single && rows !== count)) stale.add(block);
    });
    stale.forEach(function (block) { if (!block.contains(document.activeElement)) refreshBlock(block); });
    fields().forEach(function (el) {
      var pointer = el.getAttribute("data-pointer");
      if (pending.has(pointer) || failed.has(pointer) || el === inflight) return;
      if (el === document.activeElement && el === own && el.value !== typed) return;  // typed on meanwhile
      if (el === document.activeElement && el !== own) return;
      var value = shown(el.getAttribute("data-kind"), resolve(state.saved, pointer));
      if (el.value !== value) el.value = value;
    });
  }

  function refreshBlock(block) {
    var pointer = block.getAttribute("data-block");
    return fetch("/p/" + encodeURIComponent(key) + "/block?path=" + encodeURIComponent(pointer), {
      credentials: "same-origin", headers: { "Accept": "text/html" }
    }).then(function (response) { return response.ok ? response.text() : null; }).then(function (html) {
      if (html === null) return;
      var holder = document.createElement("div");
      holder.innerHTML = html;
      var fresh = holder.firstElementChild;
      if (fresh) { block.replaceWith(fresh); showFindings(); }
    });
  }

  // 409: someone changed what this page saw. Say so beside the field; the person chooses.
  function conflict(el, body) {
    var pointer = el.getAttribute("data-pointer");
    var found = (body.conflicts || [])[0] || {};
    if (body.data) { state.saved = body.data; state.version = body.version; }
    var mine = el.value;
    var box = note(el, " ", "bad");
    box.textContent = "";
    var row = el.closest("[data-row]");
    if (row && found.pointer === row.getAttribute("data-row")) {
      box.appendChild(document.createTextNode("此行已在别处修改或删除，您的修改「" + mine + "」未保存。"));
      var reload = document.createElement("button");
      reload.type = "button"; reload.className = "link"; reload.textContent = "重新载入此表";
      reload.addEventListener("click", function () {
        failed.delete(pointer);
        var block = el.closest("[data-block]");
        if (block) refreshBlock(block);
        showState();
      });
      box.appendChild(reload);
      return;
    }
    var current = shown(el.getAttribute("data-kind"), found.current);
    box.appendChild(document.createTextNode("此栏已在别处改为「" + (current || "（空）") + "」，您的修改未保存："));
    var theirs = document.createElement("button");
    theirs.type = "button"; theirs.className = "link"; theirs.textContent = "使用对方的";
    theirs.addEventListener("click", function () {
      el.value = current; failed.delete(pointer); note(el, ""); showState();
    });
    var keep = document.createElement("button");
    keep.type = "button"; keep.className = "link"; keep.textContent = "保留我的";
    keep.addEventListener("click", function () {
      failed.delete(pointer); note(el, ""); el.value = mine; schedule(el, 0);
    });
    box.appendChild(theirs);
    box.appendChild(document.createTextNode(" / "));
    box.appendChild(keep);
  }

  // ------------------------------------------------------------ typing

  document.addEventListener("compositionstart", function (event) {
    var el = event.target;
    if (el instanceof Element && el.hasAttribute("data-pointer")) { composing.add(el); clearTimeout(timers.get(el)); }
  });
  document.addEventListener("compositionend", function (event) {
    var el = event.target;
    if (el instanceof Element && el.hasAttribute("data-pointer")) { composing.delete(el); schedule(el, DELAY); }
  });
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (!(el instanceof Element) || !el.hasAttribute("data-pointer")) return;
    if (event.isComposing || composing.has(el)) { pending.set(el.getAttribute("data-pointer"), el); showState(); return; }
    schedule(el, el.tagName === "SELECT" ? 0 : DELAY);
  });
  document.addEventListener("change", function (event) {
    var el = event.target;
    if (el instanceof Element && el.hasAttribute("data-pointer") && !composing.has(el)) schedule(el, 0);
  });
  document.addEventListener("focusout", function (event) {
    var el = event.target;
    if (el instanceof Element && el.hasAttribute("data-pointer") && pending.has(el.getAttribute("data-pointer"))) {
      composing.delete(el);
      schedule(el, 0);
    }
  });
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (event.key === "Enter" && !event.isComposing && el instanceof HTMLInputElement && el.hasAttribute("data-pointer")) {
      schedule(el, 0);
    }
  });

  // Leaving the page: what is still pending goes out now (keepalive outlives the page).
  function flushOnLeave() {
    pending.forEach(function (el, pointer) {
      if (composing.has(el)) return;
      pending.delete(pointer);
      api("PATCH", projectUrl, JSON.stringify(patchFor(el)), "application/json-patch+json", true);
    });
  }
  window.addEventListener("pagehide", flushOnLeave);
  document.addEventListener("visibilitychange", function () { if (document.visibilityState === "hidden") flushOnLeave(); });
  window.addEventListener("beforeunload", function (event) {
    if (pending.size || inflight || failed.size) { event.preventDefault(); event.returnValue = ""; }
  });

  // ------------------------------------------------------------ rows, paragraphs, pictures

  function structural(ops, block, undo) {
    say("saving", "正在保存…");
    return api("PATCH", projectUrl, JSON.stringify(ops), "application/json-patch+json").then(function (r) {
      if (r.ok) {
        accept(r.body, null, null);
        if (block) refreshBlock(block);
        if (undo) toast(undo.text, "撤销", undo.run);
      } else {
        toast("未保存：" + problemOf(r));
        if (r.status === 409 && block) { if (r.body && r.body.data) state.saved = r.body.data; refreshBlock(block); }
      }
      showState();
      return r;
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var adder = target.closest("[data-add]");
    if (adder) {
      var list = adder.getAttribute("data-add");
      structural([{ op: "add", path: list + "/-", value: JSON.parse(adder.getAttribute("data-value") || "{}") }],
        adder.closest("[data-block]"));
      return;
    }
    var blockAdder = target.closest("[data-add-block]");
    if (blockAdder) {
      addBlock(blockAdder.getAttribute("data-add-block"), JSON.parse(blockAdder.getAttribute("data-value")),
        blockAdder.closest("[data-block]"));
      return;
    }
    var remover = target.closest("[data-remove]");
    if (remover) {
      var pointer = remover.getAttribute("data-remove");
      var seen = resolve(state.saved, pointer);
      var what = remover.getAttribute("data-what") || "此行";
      var parts = steps(pointer);
      var index = parseInt(parts[parts.length - 1], 10);
      var parent = pointer.slice(0, pointer.lastIndexOf("/"));
      var block = remover.closest("[data-block]");
      structural([{ op: "test", path: pointer, value: seen }, { op: "remove", path: pointer }], block, {
        text: "已删除" + what + "。",
        run: function () {
          var length = (resolve(state.saved, parent) || []).length;
          structural([{ op: "add", path: parent + "/" + Math.min(index, length), value: seen }],
            document.querySelector('[data-block="' + CSS.escape(parent) + '"]'));
        }
      });
      return;
    }
    if (target.id === "delete-project") {
      if (!window.confirm("删除此项目？删除后 30 天内可以在「回收站」中恢复。")) return;
      api("DELETE", projectUrl).then(function (r) {
        if (r.ok) window.location.href = "/?msg=" + encodeURIComponent("项目已删除，30 天内可在回收站中恢复");
        else toast("未能删除：" + problemOf(r));
      });
      return;
    }
    if (target.id === "copy-project") {
      api("POST", projectUrl + "/copy", "", "application/json").then(function (r) {
        if (r.ok && r.body) window.location.href = "/p/" + encodeURIComponent(r.body.key);
        else toast("未能复制：" + problemOf(r));
      });
      return;
    }
    var finding = target.closest("[data-finding-field]");
    if (finding) goTo(finding.getAttribute("data-finding-field"));
  });

  // A report section written as one text becomes its first paragraph when a block is added.
  function addBlock(pointer, value, block) {
    var current = resolve(state.saved, pointer);
    var ops;
    if (Array.isArray(current)) ops = [{ op: "add", path: pointer + "/-", value: value }];
    else if (current) ops = [{ op: "test", path: pointer, value: current }, { op: "add", path: pointer, value: [current, value] }];
    else ops = [{ op: "add", path: pointer, value: [value] }];
    return structural(ops, block);
  }

  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.hasAttribute("data-picture") || !input.files.length) return;
    var pointer = input.getAttribute("data-picture");
    var body = new FormData();
    body.append("file", input.files[0]);
    say("saving", "正在上传图片…");
    api("POST", projectUrl + "/files", body).then(function (r) {
      input.value = "";
      if (!r.ok) { toast("未能上传：" + problemOf(r)); showState(); return; }
      addBlock(pointer, { image: { path: r.body.name, caption: null } }, input.closest("[data-block]"));
    });
  });

  // ------------------------------------------------------------ findings

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
  function inputFor(field) {
    var path = field;
    while (path) {
      var box = document.querySelector('[data-field="' + CSS.escape(path) + '"]');
      var input = box && box.querySelector("[data-pointer]");
      if (input) return input;
      var own = null;
      fields().forEach(function (el) { if (!own && dotted(el.getAttribute("data-pointer")) === path) own = el; });
      if (own) return own;
      var cut = Math.max(path.lastIndexOf("."), path.lastIndexOf("["));
      if (cut <= 0) break;
      path = path.slice(0, cut);
    }
    return null;
  }
  function goTo(field) {
    var input = inputFor(field);
    if (!input) return;
    input.scrollIntoView({ block: "center" });
    input.focus({ preventScroll: true });
  }

  function showFindings() {
    var list = state.findings;
    document.querySelectorAll(".msg").forEach(function (m) { m.textContent = ""; m.className = "msg"; });
    document.querySelectorAll(".has-error, .has-warning").forEach(function (el) {
      el.classList.remove("has-error", "has-warning");
    });
    var items = document.getElementById("findings-list");
    if (items) items.textContent = "";
    var errors = 0, warnings = 0;
    list.forEach(function (f) {
      if (f.severity === "error") errors++; else if (f.severity === "warning") warnings++;
      if (items) {
        var li = document.createElement("li");
        li.className = f.severity;
        var link = document.createElement(f.field ? "button" : "span");
        if (f.field) { link.type = "button"; link.className = "link finding"; link.setAttribute("data-finding-field", f.field); }
        link.textContent = ({ error: "错误", warning: "警告", info: "提示" }[f.severity] || "") + "：" + f.message;
        li.appendChild(link);
        var code = document.createElement("span");
        code.className = "code";
        code.textContent = " " + f.code + (f.article ? " · " + f.article : "");
        li.appendChild(code);
        items.appendChild(li);
      }
      if (!f.field || f.severity === "info") return;
      var place = placeFor(f.field);
      if (place) {
        var line = document.createElement("div");
        line.className = "line " + f.severity;
        line.textContent = (f.severity === "error" ? "错误：" : "警告：") + f.message;
        place.appendChild(line);
      }
      fields().forEach(function (el) {  // only the field the finding names, never a neighbour
        if (dotted(el.getAttribute("data-pointer")) === f.field) {
          el.classList.add(f.severity === "error" ? "has-error" : "has-warning");
        }
      });
    });
    var summary = document.getElementById("summary");
    if (summary) {
      summary.className = "summary " + (errors ? "bad" : (warnings ? "warn" : "good"));
      summary.textContent = errors ? errors + " 个错误" + (warnings ? "，" + warnings + " 个警告" : "") + "：改正错误后才能生成文档"
        : (warnings ? warnings + " 个警告，可以生成文档" : "没有发现问题，可以生成文档");
    }
    document.querySelectorAll("nav.sections a[data-prefixes]").forEach(function (a) {
      var prefixes = JSON.parse(a.getAttribute("data-prefixes"));
      var e = 0, w = 0;
      list.forEach(function (f) {
        var field = f.field || "";
        var mine = prefixes.some(function (p) {
          return field === p || field.indexOf(p + ".") === 0 || field.indexOf(p + "[") === 0;
        });
        if (!mine) return;
        if (f.severity === "error") e++; else if (f.severity === "warning") w++;
      });
      var status = a.querySelector(".status");
      if (a.hasAttribute("data-later") && !e && !w) { status.textContent = "未到"; status.className = "status later"; return; }
      status.textContent = e ? e + " 错" : (w ? w + " 警" : "✓");
      status.className = "status " + (e ? "bad" : (w ? "warn" : "good"));
    });
  }

  function showMaterials() {
    var list = document.getElementById("materials-list");
    if (!list) return;
    list.textContent = "";
    state.materials.forEach(function (m) {
      var li = document.createElement("li");
      li.className = m.present ? "have" : (m.present === false ? "missing" : "");
      li.textContent = m.title + "（" + m.stage + "）";
      var article = document.createElement("span");
      article.className = "article";
      article.textContent = " " + (m.articles || "");
      li.appendChild(article);
      list.appendChild(li);
    });
  }

  showFindings();
  showMaterials();
  say("saved", "已保存");
})();
