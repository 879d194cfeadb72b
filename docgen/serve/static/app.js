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
      if (!form.elements[pair[0] + "_result"]) return;  // a part this reviewer does not record
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

  // File pickers in Chinese whatever the browser's language: the native control says 「Choose Files / No file
  // chosen」 in the browser's own words; a button and a line of our own stand in for it (the input stays,
  // out of sight, so forms and uploads are unchanged).
  function chineseFilePickers(root) {
    root.querySelectorAll('input[type="file"]:not([data-picker])').forEach(function (input) {
      input.setAttribute("data-picker", "");
      input.classList.add("file-native");
      input.tabIndex = -1;
      var button = document.createElement("button");
      button.type = "button";
      button.className = "file-button";
      button.textContent = input.hasAttribute("webkitdirectory") ? "选择文件夹…" : "选择文件…";
      var chosen = document.createElement("span");
      chosen.className = "file-chosen";
      chosen.textContent = "未选择文件";
      button.addEventListener("click", function (event) { event.preventDefault(); input.click(); });
      input.addEventListener("change", function () {
        var count = input.files ? input.files.length : 0;
        chosen.textContent = !count ? "未选择文件" : count === 1 ? input.files[0].name : "已选择 " + count + " 个文件";
      });
      input.insertAdjacentElement("afterend", chosen);
      input.insertAdjacentElement("afterend", button);
    });
  }
  chineseFilePickers(document);
  document.addEventListener("htmx:afterSwap", function (event) { chineseFilePickers(event.target); });

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
  var editable = boot.editable !== false;  // reviewers read the applicant's data; they never type into it
  var pending = new Map();   // pointer → element: changed on the page, not yet sent
  var inflight = null;       // the change being sent
  var failed = new Map();    // pointer → {text, retry}: refused (retry false) or not delivered (retry true)
  var refused = null;        // a refused change of rows or tables: said in the bar until the next save
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
    if (Array.isArray(value)) return value.join("\n");
    if (value === true) return "是";
    if (value === false) return "否";
    return String(value);
  }
  function sent(el) {
    var kind = el.getAttribute("data-kind");
    var text = el.value;
    if (kind === "profile") return text || null;
    return text;
  }
  function fields() { return document.querySelectorAll("[data-pointer]"); }
  function fieldFor(pointer) { return document.querySelector('[data-pointer="' + CSS.escape(pointer) + '"]'); }
  function blockAt(pointer) { return document.querySelector('[data-block="' + CSS.escape(pointer) + '"]'); }

  // ------------------------------------------------------------ saving

  var stateBox = document.getElementById("save-state");
  function say(kind, text) {
    stateBox.setAttribute("data-state", kind);
    stateBox.textContent = text;
    if (kind === "failed" && Array.from(failed.values()).some(function (f) { return f.retry; })) {
      // only what did not reach the server is sent again: a refused edit (a conflict, no right to it,
      // an invalid value) waits for the person's choice beside its field
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "link";
      retry.textContent = "重试";
      // pressed, not clicked: leaving a field with typing in it redraws this bar before a click lands
      retry.addEventListener("pointerdown", function (event) { event.preventDefault(); retryUndelivered(); });
      retry.addEventListener("click", retryUndelivered);  // the keyboard's Enter and Space
      stateBox.appendChild(document.createTextNode("（"));
      stateBox.appendChild(retry);
      stateBox.appendChild(document.createTextNode("）"));
    }
  }
  function retryUndelivered() {
    failed.forEach(function (f, pointer) {
      if (!f.retry) return;
      var el = fieldFor(pointer);
      failed.delete(pointer);
      if (el) pending.set(pointer, el);
    });
    pump();
  }
  window.addEventListener("online", retryUndelivered);  // the connection is back: what did not arrive goes now

  function now() {
    var d = new Date();
    return ("0" + d.getHours()).slice(-2) + ":" + ("0" + d.getMinutes()).slice(-2);
  }
  function showState() {
    if (inflight || pending.size) { say("saving", "正在保存…"); return; }
    if (refused) { say("failed", refused + (failed.size ? "；另有修改未保存" : "")); return; }  // the latest first
    if (failed.size) {
      var first = failed.values().next().value;
      say("failed", "未保存：" + first.text + (first.retry ? "" : "（见该栏旁的说明）"));
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

  function lockForReading(root) {
    if (editable) return;
    root.querySelectorAll("[data-pointer], [data-picture]").forEach(function (el) {
      if (el.tagName === "SELECT" || el.type === "file") el.disabled = true; else el.readOnly = true;
    });
  }
  lockForReading(document);

  function schedule(el, delay) {
    if (!editable) return;
    var pointer = el.getAttribute("data-pointer");
    pending.set(pointer, el);
    clearTimeout(timers.get(el));
    timers.set(el, setTimeout(pump, delay));
    showState();
  }

  // What the page shows was read from the server at one moment; an edit is tested against *that* (a row
  // or report block: data-seen, as the server drew it; a field: seenFields), never against a newer copy
  // that came with another field's save — else a stale row's edit would land in whichever row now holds
  // its place, and a change made elsewhere would be overwritten unseen.
  var seenFields = new Map();
  function seenValue(pointer) {
    var rows = document.querySelectorAll("[data-row][data-seen]");
    for (var i = 0; i < rows.length; i++) {
      var at = rows[i].getAttribute("data-row");
      if (pointer === at || pointer.indexOf(at + "/") === 0) {
        return resolve(JSON.parse(rows[i].getAttribute("data-seen")), pointer.slice(at.length));
      }
    }
    return seenFields.has(pointer) ? seenFields.get(pointer) : resolve(state.saved, pointer);
  }
  function markSeen(pointer) {  // the page now shows what is saved at pointer
    var value = resolve(state.saved, pointer);
    var row = document.querySelector('[data-row="' + CSS.escape(pointer) + '"]');
    if (row) row.setAttribute("data-seen", JSON.stringify(value));
    else seenFields.set(pointer, value);
  }
  fields().forEach(function (el) {
    if (!el.closest("[data-row]")) seenFields.set(el.getAttribute("data-pointer"), resolve(state.saved, el.getAttribute("data-pointer")));
  });

  // The patch for one field: a test of what the page saw (its row, when it is in one), then the value.
  function rowCells(tr) {  // a report table's row as the page shows it: every cell's text
    return Array.prototype.map.call(tr.querySelectorAll("[data-pointer]"), function (cell) { return cell.value.trim(); });
  }

  function patchFor(el) {
    var pointer = el.getAttribute("data-pointer");
    var row = el.closest("[data-row]");
    var cellsRow = el.closest("[data-cells]");
    if (cellsRow) {  // a cell of a report table: its whole row is written (a short row is filled out)
      var seenBlock = row.getAttribute("data-row");
      return [
        { op: "test", path: seenBlock, value: seenValue(seenBlock) },
        { op: "replace", path: cellsRow.getAttribute("data-cells"), value: rowCells(cellsRow) }
      ];
    }
    var seenAt = row ? row.getAttribute("data-row") : pointer;
    var ops = [{ op: "test", path: seenAt, value: seenValue(seenAt) }];
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
    var ops = patchFor(el);
    api("PATCH", projectUrl, JSON.stringify(ops), "application/json-patch+json").then(function (r) {
      inflight = null;
      var pointer = el.getAttribute("data-pointer");
      if (r.ok) {
        failed.delete(pointer);
        refused = null;
        note(el, "");
        accept(r.body, el, typed);
        markSeen(ops[0].path);  // the row (or field) tested is now what this page wrote
        if (el.getAttribute("data-kind") === "profile") { window.location.reload(); return; }
      } else if (r.status === 409) {
        failed.set(pointer, { text: problemOf(r), retry: false, el: el });
        conflict(el, r.body || {});
      } else if (r.status >= 400 && r.status < 500 && r.status !== 408 && r.status !== 429) {
        failed.set(pointer, { text: problemOf(r), retry: false, el: el });
        note(el, "未保存：" + problemOf(r), "bad");
      } else {
        failed.set(pointer, { text: problemOf(r), retry: true, el: el });
      }
      showState();
      pump();
    }, function () {
      inflight = null;
      var pointer = el.getAttribute("data-pointer");
      failed.set(pointer, { text: "无法连接到服务器", retry: true, el: el });
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
    showSums();
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
    document.querySelectorAll("table.report-table").forEach(function (grid) {  // rows or columns added elsewhere
      var first = grid.querySelector("[data-add-column]");
      var held = resolve(state.saved, first.getAttribute("data-add-column")) || {};
      var shownRows = grid.querySelectorAll("tr[data-cells]").length;
      var shownColumns = parseInt(first.getAttribute("data-columns"), 10);
      if (shownRows !== (held.rows || []).length || shownColumns !== (held.columns || []).length) {
        stale.add(grid.closest("[data-block]"));
      }
    });
    // blocks whose rows moved are redrawn, except while they hold what the person typed (focused,
    // waiting to be sent, or refused): those stay as drawn, so that edit is tested against its own row
    var kept = [];
    stale.forEach(function (block) {
      var busy = block.contains(document.activeElement) || (inflight && block.contains(inflight)) ||
        Array.from(pending.values()).some(function (el) { return block.contains(el); }) ||
        Array.from(failed.values()).some(function (f) { return f.el && block.contains(f.el); });
      if (busy) kept.push(block); else refreshBlock(block);
    });
    var held = new Set();  // rows with a field not brought up to date: they keep what the page saw
    fields().forEach(function (el) {
      var pointer = el.getAttribute("data-pointer");
      var row = el.closest("[data-row]");
      if (kept.some(function (block) { return block.contains(el); })) return;
      if (pending.has(pointer) || failed.has(pointer) || el === inflight ||
          (el === document.activeElement && (el !== own || el.value !== typed))) {  // typed on meanwhile
        if (row) held.add(row);
        return;
      }
      var value = shown(el.getAttribute("data-kind"), resolve(state.saved, pointer));
      if (el.value !== value) el.value = value;
      if (!row) seenFields.set(pointer, resolve(state.saved, pointer));
    });
    document.querySelectorAll("[data-row][data-seen]").forEach(function (row) {
      if (held.has(row) || kept.some(function (block) { return block.contains(row); })) return;
      if (row.parentElement && row.parentElement.closest("[data-row]")) return;  // a row within a row: its own
      markSeen(row.getAttribute("data-row"));
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
      if (!fresh) return;
      chineseFilePickers(fresh);
      lockForReading(fresh);
      block.replaceWith(fresh);
      // what was typed in the old drawing and refused goes with it (the person asked for the table anew)
      failed.forEach(function (f, p) { if (f.el && !document.body.contains(f.el)) failed.delete(p); });
      showFindings(); showSums(); showState();
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
      el.value = current; failed.delete(pointer); note(el, ""); seenFields.set(pointer, found.current); showState();
    });
    var keep = document.createElement("button");
    keep.type = "button"; keep.className = "link"; keep.textContent = "保留我的";
    keep.addEventListener("click", function () {  // written over what is there now, knowingly
      failed.delete(pointer); note(el, ""); el.value = mine; seenFields.set(pointer, found.current); schedule(el, 0);
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
        refused = null;
        accept(r.body, null, null);
        if (undo) toast(undo.text, "撤销", undo.run);
        if (block) return refreshBlock(block).then(function () { showState(); return r; });
      } else {
        var why = "未保存：" + problemOf(r);
        if (r.status === 409 && block) {
          if (r.body && r.body.data) state.saved = r.body.data;
          refreshBlock(block);
          why += "——已重新载入此表，请在新的表上再做一次";
        }
        refused = why;
        toast(why);
      }
      showState();
      return r;
    }, function () {  // never reached the server: nothing changed there; said, to do again once online
      refused = "未保存：无法连接到服务器，刚才的添加、删除或粘贴没有完成，联网后请再做一次";
      toast(refused);
      showState();
      return null;
    });
  }

  // After adding a row, a paragraph or a table, the focus goes to its first field (keyboard users stay put).
  function focusLast(home) {
    var drawn = blockAt(home);
    if (!drawn) return;
    var rows = drawn.querySelectorAll("[data-row]");
    var last = rows[rows.length - 1];
    var field = last && last.querySelector("[data-pointer]");
    if (field) field.focus();
  }
  // ``add(block)`` makes the change; then the focus goes to ``pointer``, else the last row's first field
  function addThenFocus(button, add, pointer) {
    var block = button.closest("[data-block]");
    var home = block ? block.getAttribute("data-block") : null;
    add(block).then(function (r) {
      if (!r || !r.ok) return;
      var field = pointer ? fieldFor(pointer) : null;
      if (field) field.focus(); else if (home) focusLast(home);
    });
  }

  document.addEventListener("click", function (event) {
    var target = event.target;
    if (!(target instanceof Element)) return;
    var adder = target.closest("[data-add]");
    if (adder) {
      var list = adder.getAttribute("data-add");
      var row = JSON.parse(adder.getAttribute("data-value") || "{}");
      addThenFocus(adder, function (block) { return structural([{ op: "add", path: list + "/-", value: row }], block); });
      return;
    }
    var rowAdder = target.closest("[data-add-row]");
    if (rowAdder) {  // a report table's new row, as wide as its columns
      var width = parseInt(rowAdder.getAttribute("data-columns"), 10) || 1;
      var rowsAt = rowAdder.getAttribute("data-add-row");
      var newRow = rowsAt + "/" + (seenValue(rowsAt) || []).length + "/0";
      addThenFocus(rowAdder, function (block) {
        return structural([{ op: "add", path: rowsAt + "/-", value: new Array(width).fill("") }], block);
      }, newRow);
      return;
    }
    var columnAdder = target.closest("[data-add-column]");
    if (columnAdder) {  // a report table's new column: its name, and an empty cell in every row
      var tablePointer = columnAdder.getAttribute("data-add-column");
      var held = seenValue(tablePointer) || {};
      var count = (held.columns || []).length;
      var ops = [{ op: "test", path: tablePointer, value: held },
                 { op: "add", path: tablePointer + "/columns/-", value: "列" + (count + 1) }];
      (held.rows || []).forEach(function (cellsOfRow, r) {
        var padded = cellsOfRow.slice();
        while (padded.length < count + 1) padded.push("");
        ops.push({ op: "replace", path: tablePointer + "/rows/" + r, value: padded });
      });
      structural(ops, columnAdder.closest("[data-block]"));
      return;
    }
    var columnRemover = target.closest("[data-remove-column]");
    if (columnRemover) {  // a report table less one column: its name and its cell in every row, undoable
      var tableAt = columnRemover.getAttribute("data-remove-column");
      var column = parseInt(columnRemover.getAttribute("data-column"), 10);
      var before = seenValue(tableAt) || {};
      var after = JSON.parse(JSON.stringify(before));
      (after.columns || []).splice(column, 1);
      (after.rows || []).forEach(function (cellsOfRow) { cellsOfRow.splice(column, 1); });
      var tableBlock = columnRemover.closest("[data-block]");
      var tableHome = tableBlock ? tableBlock.getAttribute("data-block") : tableAt;
      structural([{ op: "test", path: tableAt, value: before }, { op: "replace", path: tableAt, value: after }],
        tableBlock, {
          text: "已删除" + (columnRemover.getAttribute("data-what") || "此列") + "。",
          run: function () {
            structural([{ op: "test", path: tableAt, value: seenValue(tableAt) },
                        { op: "replace", path: tableAt, value: before }],
              blockAt(tableHome));
          }
        });
      return;
    }
    var blockAdder = target.closest("[data-add-block]");
    if (blockAdder) {
      addThenFocus(blockAdder, function (block) {
        return addBlock(blockAdder.getAttribute("data-add-block"), JSON.parse(blockAdder.getAttribute("data-value")), block);
      });
      return;
    }
    var remover = target.closest("[data-remove]");
    if (remover) {
      var pointer = remover.getAttribute("data-remove");
      var seen = seenValue(pointer);
      var what = remover.getAttribute("data-what") || "此行";
      var parts = steps(pointer);
      var index = parseInt(parts[parts.length - 1], 10);
      var parent = pointer.slice(0, pointer.lastIndexOf("/"));
      var block = remover.closest("[data-block]");
      var home = block ? block.getAttribute("data-block") : parent;
      var removal = structural([{ op: "test", path: pointer, value: seen }, { op: "remove", path: pointer }], block, {
        text: "已删除" + what + "。",
        run: function () {
          var length = (resolve(state.saved, parent) || []).length;
          structural([{ op: "add", path: parent + "/" + Math.min(index, length), value: seen }],
            blockAt(home));
        }
      });
      removal.then(function (r) {  // focus stays in the table: the row now in that place, else 添加
        if (!r || !r.ok) return;
        var drawn = blockAt(home);
        if (!drawn) return;
        var removers = drawn.querySelectorAll("[data-remove]");
        var next = removers[Math.min(index, removers.length - 1)] ||
          drawn.querySelector("[data-add], [data-add-row], [data-add-block]");
        if (next) next.focus();
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
    closeSide();
    var closed = input.closest("details:not([open])");
    if (closed) closed.open = true;
    input.scrollIntoView({ block: "center" });
    input.focus({ preventScroll: true });
  }

  // ------------------------------------------------------------ what is filled, what is wrong

  // A project not yet submitted shows what is still to fill (「待填写」), not errors: an empty field
  // becomes an error once the clerk has left it empty, tried to build, or the project was submitted.
  var DRAFT = ["草稿", "退回修改"];
  var APPROVED = ["已通过", "已报自治区", "已立项", "已招标", "已备案", "变更备案", "已验收"];
  var projectState = boot.state || "草稿";
  var needed = boot.needed || {};
  var memory = "docgen:" + key + ":";
  function remembered(name) {
    try { return JSON.parse(window.localStorage.getItem(memory + name) || "null"); } catch (e) { return null; }
  }
  function remember(name, value) {
    try { window.localStorage.setItem(memory + name, JSON.stringify(value)); } catch (e) { /* private mode */ }
  }
  var touched = new Set(remembered("touched") || []);
  var built = !!remembered("built");

  function stepsOf(field) {
    var out = [];
    String(field).replace(/([^.[\]]+)|\[(\d+)\]/g, function (_m, name, index) {
      out.push(index !== undefined ? index : name);
      return "";
    });
    return out;
  }
  function valueAt(field) {
    var node = state.saved;
    var list = stepsOf(field);
    for (var i = 0; i < list.length; i++) {
      if (node === null || node === undefined || typeof node !== "object") return null;
      node = node[list[i]];
    }
    return node === undefined ? null : node;
  }
  function empty(value) {
    if (value === null || value === undefined) return true;
    if (typeof value === "string") return !value.trim();
    if (Array.isArray(value)) return value.every(empty);
    if (typeof value === "object") return Object.keys(value).every(function (k) { return empty(value[k]); });
    return false;
  }
  // Empty as the project holds it, or as the page shows it when a change to it is not saved yet.
  function blank(field) {
    var el = null;
    fields().forEach(function (candidate) {
      if (!el && dotted(candidate.getAttribute("data-pointer")) === field) el = candidate;
    });
    if (el) {
      var pointer = el.getAttribute("data-pointer");
      if (pending.has(pointer) || el === inflight || failed.has(pointer)) return !String(el.value).trim();
    }
    return empty(valueAt(field));
  }
  function related(a, b) {  // one field is the other, or lies inside it
    return a === b || a.indexOf(b + ".") === 0 || a.indexOf(b + "[") === 0 ||
      b.indexOf(a + ".") === 0 || b.indexOf(a + "[") === 0;
  }
  function inside(field, prefix) {
    return field === prefix || field.indexOf(prefix + ".") === 0 || field.indexOf(prefix + "[") === 0;
  }
  function strict(field) {
    if (built || DRAFT.indexOf(projectState) < 0) return true;
    var found = false;
    touched.forEach(function (t) { if (!found && related(t, field)) found = true; });
    return found;
  }
  function kindOf(field) {
    var el = inputFor(field);
    return el ? el.getAttribute("data-kind") : "";
  }
  // The fields still to fill: those the rules make necessary (with the finding that says so) that are empty.
  function missingFields() {
    var found = {};
    Object.keys(needed).forEach(function (field) { if (blank(field)) found[field] = null; });
    state.findings.forEach(function (f) {
      if (f.severity === "error" && f.field && blank(f.field)) found[f.field] = f;
    });
    var fields = Object.keys(found);
    return fields.filter(function (field) {  // a group's finding is told by its own fields
      return !fields.some(function (other) { return other !== field && inside(other, field); });
    }).map(function (field) { return { field: field, finding: found[field] }; });
  }
  function sectionOf(field) {
    var hit = null;
    document.querySelectorAll("nav.sections a[data-prefixes]").forEach(function (a) {
      if (hit) return;
      var prefixes = JSON.parse(a.getAttribute("data-prefixes"));
      if (prefixes.some(function (p) { return inside(field, p); })) hit = a;
    });
    return hit;
  }
  // A finding's field as the form names it: its label under its group (「项目负责人 › 姓名」), never a data path.
  function labelOf(f) {
    var parts = String(f.label || "").split(" › ");
    return (parts.length > 1 ? parts.slice(1) : parts).join(" › ");
  }
  function fieldLabel(field) {
    var box = document.querySelector('[data-field="' + CSS.escape(field) + '"]');
    var title = box && box.querySelector("legend, .rows-title, .section-title, label.label");
    var words = title ? title.firstChild.textContent.trim() : field;
    var group = box && box.parentElement ? box.parentElement.closest("fieldset.group") : null;
    if (group && (group.getAttribute("data-field") || "").indexOf(".") > 0) {  // a group inside a part
      words = group.querySelector("legend").firstChild.textContent.trim() + " › " + words;
    }
    return words;
  }
  function due(later) {
    if (later === "review") return DRAFT.indexOf(projectState) < 0;
    if (later === "approved") return APPROVED.indexOf(projectState) >= 0;
    return true;
  }
  function whyNeeded(field) {
    var need = needed[field];
    return need && need.article ? need.article : "";
  }

  function render(list, entries) {
    if (!list) return;
    var signature = JSON.stringify(entries);
    if (list.getAttribute("data-signature") === signature) return;
    list.setAttribute("data-signature", signature);
    list.textContent = "";
    entries.forEach(function (entry) {
      var li = document.createElement("li");
      li.className = entry.css;
      var link = document.createElement(entry.field ? "button" : "span");
      if (entry.field) { link.type = "button"; link.className = "link finding"; link.setAttribute("data-finding-field", entry.field); }
      link.textContent = entry.text;
      li.appendChild(link);
      if (entry.note) {
        var note = document.createElement("small");
        note.className = "code";
        note.textContent = " " + entry.note;
        li.appendChild(note);
      }
      list.appendChild(li);
    });
  }

  // A field a rule has just made necessary (a 新建 project's 第十三条 questions) gets its * at once.
  function star(field, finding) {
    var box = document.querySelector('[data-field="' + CSS.escape(field) + '"]');
    var title = box && box.querySelector(".label-line, legend, .rows-title, .section-title");
    if (!title || title.querySelector(".req")) return;
    var mark = document.createElement("span");
    mark.className = "req";
    mark.setAttribute("aria-hidden", "true");
    mark.title = finding && finding.article ? "必填：" + finding.article + "，" + finding.message : "必填";
    mark.textContent = "*";
    title.appendChild(mark);
    var input = inputFor(field);
    if (input) input.setAttribute("aria-required", "true");
  }

  function showFindings() {
    var list = state.findings;
    var missing = missingFields();
    var pendingAt = {};
    missing.forEach(function (m) { if (!strict(m.field)) pendingAt[m.field] = true; });
    function pending(f) {  // an empty field not yet due: its error is 「待填写」, its warning a suggestion
      if (!f.field || !blank(f.field) || strict(f.field)) return false;
      if (f.severity === "warning") return true;
      return f.severity === "error" && Object.keys(pendingAt).some(function (field) { return related(field, f.field); });
    }
    document.querySelectorAll(".msg").forEach(function (m) { m.textContent = ""; m.className = "msg"; });
    document.querySelectorAll(".has-error, .has-warning, .is-pending").forEach(function (el) {
      el.classList.remove("has-error", "has-warning", "is-pending");
    });
    var listed = [];    // the findings list, as entries: rebuilt only when it changes, so a click on it is never lost
    var errors = 0, warnings = 0;
    function mark(field, css) {
      fields().forEach(function (el) {  // only the field the finding names, never a neighbour
        if (dotted(el.getAttribute("data-pointer")) === field) el.classList.add(css);
      });
    }
    function besides(field, css, text) {
      var place = placeFor(field);
      if (!place) return;
      var line = document.createElement("div");
      line.className = "line " + css;
      line.textContent = text;
      place.appendChild(line);
    }
    list.forEach(function (f) {
      if (pending(f)) {  // said as 「待填写」 below; a warning about an empty field as a suggestion
        if (f.severity === "warning") besides(f.field, "pending", "建议填写" + (f.article ? "（" + f.article + "）" : ""));
        return;
      }
      var emptied = f.severity === "error" && f.field && blank(f.field);
      var words = f.message;
      if (emptied) {  // an unanswered question is not a rejection: say what is missing, and the article
        var yesno = kindOf(f.field) === "yesno";
        words = (yesno ? "必填，尚未回答" : "必填，尚未填写") + (f.article ? "（" + f.article + "）" : "");
      }
      if (f.severity === "error") errors++; else if (f.severity === "warning") warnings++;
      var section = f.field ? sectionOf(f.field) : null;
      var where = (section ? section.querySelector(".title").textContent + " · " : "") + (f.field ? labelOf(f) : "");
      listed.push({
        css: f.severity, field: f.field,
        text: ({ error: "错误", warning: "警告", info: "提示" }[f.severity] || "") + "：" + (where ? where + "：" : "") +
          (emptied ? words : f.message),
        note: f.code + (f.article ? " · " + f.article : "")
      });
      if (!f.field || f.severity === "info") return;
      besides(f.field, f.severity, (f.severity === "error" ? "错误：" : "警告：") + words);
      mark(f.field, f.severity === "error" ? "has-error" : "has-warning");
    });
    // what is still to fill
    var toFill = [];
    var pendings = missing.filter(function (m) { return pendingAt[m.field]; });
    missing.forEach(function (m) { star(m.field, m.finding); });
    pendings.forEach(function (m) {
      var why = whyNeeded(m.field) || (m.finding && m.finding.article) || "";
      besides(m.field, "pending", "待填写" + (why ? "（" + why + "）" : ""));
      mark(m.field, "is-pending");
      var section = sectionOf(m.field);
      toFill.push({
        css: "pending", field: m.field, note: why,
        text: (section ? section.querySelector(".title").textContent + " · " : "") + fieldLabel(m.field)
      });
    });
    render(document.getElementById("findings-list"), listed);
    render(document.getElementById("to-fill-list"), toFill);
    var box = document.getElementById("to-fill");
    if (box) box.hidden = !pendings.length;
    var count = document.getElementById("to-fill-count");
    if (count) count.textContent = "（" + pendings.length + " 项）";
    var toDo = missing.length;
    var summary = document.getElementById("summary");
    var said = [];
    if (toDo) said.push("还差 " + toDo + " 项必填");
    if (errors) said.push(errors + " 个错误");
    if (warnings) said.push(warnings + " 个警告");
    var text = said.length ? said.join("，") : "已填完，没有发现问题";
    text += errors || toDo ? "：填完并改正后才能生成文档" : "，可以生成文档";
    if (summary) {
      summary.className = "summary " + (errors ? "bad" : (toDo ? "todo" : (warnings ? "warn" : "good")));
      summary.textContent = text;
    }
    var jump = document.getElementById("jump-summary");
    if (jump) jump.textContent = "检查结果：" + (said.length ? said.join("，") : "没有问题");
    document.querySelectorAll("nav.sections a[data-prefixes]").forEach(function (a) {
      var prefixes = JSON.parse(a.getAttribute("data-prefixes"));
      function mine(field) { return prefixes.some(function (p) { return inside(field || "", p); }); }
      var e = 0, w = 0, n = 0;
      list.forEach(function (f) {
        if (!mine(f.field) || pending(f)) return;
        if (f.severity === "error") e++; else if (f.severity === "warning") w++;
      });
      missing.forEach(function (m) { if (mine(m.field)) n++; });
      var later = a.getAttribute("data-later");
      var notYet = later && !due(later);
      var asked = n || Object.keys(needed).some(mine);
      var status = a.querySelector(".status");
      var parts = [];
      var css = "good";
      if (notYet && !e && !w) { parts.push("未到"); css = "later"; }
      else {
        parts.push(n ? "还差 " + n + " 项必填" : (asked ? "已填完" : "选填"));
        css = n ? "todo" : "good";
        if (e) { parts.push(e + " 错"); css = "bad"; }
        if (w) { parts.push(w + " 警"); if (css === "good") css = "warn"; }
      }
      status.textContent = parts.join(" · ");
      status.className = "status " + css;
      var progress = document.querySelector('[data-progress="' + a.getAttribute("data-section") + '"]');
      if (progress) {
        progress.textContent = notYet && !e && !w
          ? (later === "review" ? "（提交后由审查部门填写）" : "（立项后填写）")
          : "（" + parts.join("，").replace(/ 错$/, " 个错误").replace(/ 警$/, " 个警告") + "）";
        progress.className = "progress " + css;
      }
    });
  }

  // Leaving a field empty makes it count: from then on an empty required field is an error.
  document.addEventListener("focusout", function (event) {
    var el = event.target;
    if (!(el instanceof Element) || !el.hasAttribute("data-pointer")) return;
    var field = dotted(el.getAttribute("data-pointer"));
    if (touched.has(field)) return;
    touched.add(field);
    remember("touched", Array.from(touched));
    showFindings();
  });
  // Asking for the documents is asking for every error.
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("[data-build]") : null;
    if (!link || built) return;
    built = true;
    remember("built", true);
  });

  // Narrow screens: the findings are a panel the bar at the top opens, never the end of a long page.
  var side = document.getElementById("side");
  function narrow() { return window.matchMedia("(max-width: 1100px)").matches; }
  function closeSide() { if (side) side.classList.remove("open"); }
  var jumper = document.getElementById("jump-findings");
  if (jumper) jumper.addEventListener("click", function (event) {
    if (!narrow()) return;
    event.preventDefault();
    side.classList.add("open");
    document.getElementById("findings").focus();
  });
  var downloads = document.getElementById("downloads");
  if (downloads && narrow()) downloads.open = false;  // on a phone the form comes first
  var closer = document.getElementById("close-findings");
  function closeSideBack() {  // closed by the person: focus goes back to what opened it
    if (!side || !side.classList.contains("open")) return;
    closeSide();
    if (jumper) jumper.focus();
  }
  if (closer) closer.addEventListener("click", closeSideBack);
  document.addEventListener("keydown", function (event) { if (event.key === "Escape") closeSideBack(); });

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

  // ------------------------------------------------------------ tables like a spreadsheet

  function gridCell(el) {  // [row element, column index] of an input in a rows table
    var td = el.closest("td");
    var tr = el.closest("tr.row-item");
    if (!td || !tr || !el.closest("table.grid")) return null;
    return [tr, Array.prototype.indexOf.call(tr.children, td)];
  }
  function cellInput(tr, column) {
    var td = tr && tr.children[column];
    return td ? td.querySelector("[data-pointer]") : null;
  }
  function columnNames(block) {
    var out = [];
    var first = block.querySelector("tr.row-item");
    if (first) {
      Array.prototype.forEach.call(first.children, function (td) {
        var el = td.querySelector("[data-pointer]");
        var parts = el ? steps(el.getAttribute("data-pointer")) : [];
        out.push(el ? parts[parts.length - 1] : null);
      });
    }
    return out;
  }

  // A range copied from Excel or WPS (rows of tab-separated cells) fills rows and columns from the
  // cell it is pasted into, adding rows as needed — one JSON Patch, so it is saved whole or not at all.
  document.addEventListener("paste", function (event) {
    var el = event.target;
    if (!editable || !(el instanceof HTMLElement) || !el.hasAttribute("data-pointer")) return;
    var inReport = reportTableAt(el);
    if (inReport) { pasteIntoReportTable(event, el, inReport); return; }
    var at = gridCell(el);
    if (!at) return;
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!text || (text.indexOf("\t") < 0 && !/\r?\n./.test(text.replace(/\r?\n$/, "")))) return;  // one cell: as typed
    event.preventDefault();
    var block = el.closest("[data-block]");
    var list = block.getAttribute("data-block");
    var names = columnNames(block);
    var rows = text.replace(/\r?\n$/, "").split(/\r?\n/).map(function (line) { return line.split("\t"); });
    var headers = Array.prototype.map.call(block.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
    if (rows.length > 1 && rows[0].every(function (cell, i) { return cell.trim() === headers[at[1] + i]; })) rows.shift();
    var existing = block.querySelectorAll("tr.row-item");
    var first = Array.prototype.indexOf.call(existing, at[0]);
    var ops = [];
    var dropped = 0;
    rows.forEach(function (cells, i) {
      var values = {};
      cells.forEach(function (cell, j) {
        var name = names[at[1] + j];
        if (!name) { if (cell.trim()) dropped++; return; }
        values[name] = cell.trim() === "" ? null : cell.trim();
      });
      var tr = existing[first + i];
      if (tr) {
        var rowPointer = tr.getAttribute("data-row");
        ops.push({ op: "test", path: rowPointer, value: seenValue(rowPointer) });
        Object.keys(values).forEach(function (name) {
          ops.push({ op: "add", path: rowPointer + "/" + name, value: values[name] });
        });
      } else {
        ops.push({ op: "add", path: list + "/-", value: values });
      }
    });
    structural(ops, block).then(function (r) {
      if (r && r.ok) {
        toast("已粘贴 " + rows.length + " 行" + (dropped ? "；超出表格的 " + dropped + " 个格没有粘贴" : "") + "。");
      }
    });
  });

  // The same into a report table. Pasted into a column's name, the first line names the columns and
  // the rest are the rows; pasted into a cell, the lines overlay the rows from there (a first line
  // equal to the names is the copied header, skipped). Rows and columns are added as needed (a new
  // column is named 列N, to rename) so nothing pasted is lost; the table is saved whole in one patch.
  function reportTableAt(el) {  // [table pointer, row (-1: the names), column] of an input in a report table
    var m = /^(.*\/table)\/(columns|rows)\/(\d+)(?:\/(\d+))?$/.exec(el.getAttribute("data-pointer") || "");
    if (!m) return null;
    return m[2] === "columns" ? [m[1], -1, parseInt(m[3], 10)] : [m[1], parseInt(m[3], 10), parseInt(m[4], 10)];
  }
  function pasteIntoReportTable(event, el, at) {
    var text = (event.clipboardData || window.clipboardData).getData("text");
    if (!text || (text.indexOf("\t") < 0 && !/\r?\n./.test(text.replace(/\r?\n$/, "")))) return;
    event.preventDefault();
    var tablePointer = at[0], startRow = at[1], startColumn = at[2];
    var held = seenValue(tablePointer) || {};
    var columns = (held.columns || []).slice();
    var pasted = text.replace(/\r?\n$/, "").split(/\r?\n/).map(function (line) {
      return line.split("\t").map(function (cell) { return cell.trim(); });
    });
    if (startRow >= 0 && pasted.length > 1 &&
        pasted[0].every(function (cell, j) { return cell === String(columns[startColumn + j]); })) pasted.shift();
    var widest = Math.max.apply(null, pasted.map(function (line) { return startColumn + line.length; }));
    var added = 0;
    while (columns.length < widest) { columns.push("列" + (columns.length + 1)); added++; }
    var rows = (held.rows || []).map(function (row) {
      var padded = row.slice();
      while (padded.length < columns.length) padded.push("");
      return padded;
    });
    pasted.forEach(function (line, k) {
      var r = startRow + k;
      line.forEach(function (cell, j) {
        if (r < 0) { columns[startColumn + j] = cell; return; }
        while (rows.length <= r) rows.push(new Array(columns.length).fill(""));
        rows[r][startColumn + j] = cell;
      });
    });
    var ops = [{ op: "test", path: tablePointer, value: held },
               { op: "add", path: tablePointer + "/columns", value: columns },
               { op: "add", path: tablePointer + "/rows", value: rows }];
    var count = startRow < 0 ? pasted.length - 1 : pasted.length;
    structural(ops, el.closest("[data-block]")).then(function (r) {
      if (r && r.ok) {
        toast("已粘贴" + (startRow < 0 ? "表头和 " : " ") + count + " 行" +
              (added ? "，表格增加了 " + added + " 列（列名可修改）" : "") + "。");
      }
    });
  }

  // Arrows and Enter move between the cells of a rows table, as in a spreadsheet.
  document.addEventListener("keydown", function (event) {
    var el = event.target;
    if (!(el instanceof HTMLElement) || event.isComposing || event.altKey || event.ctrlKey || event.metaKey) return;
    var at = gridCell(el);
    if (!at) return;
    var tr = at[0], column = at[1], next = null;
    var text = el instanceof HTMLInputElement && el.type === "text";
    if (event.key === "ArrowDown" && el.tagName !== "SELECT") next = cellInput(tr.nextElementSibling, column);
    else if (event.key === "ArrowUp" && el.tagName !== "SELECT") next = cellInput(tr.previousElementSibling, column);
    else if (event.key === "Enter" && el.tagName !== "TEXTAREA") next = cellInput(tr.nextElementSibling, column);
    else if (event.key === "ArrowRight" && (!text || el.selectionStart === el.value.length)) {
      for (var c = column + 1; c < tr.children.length && !next; c++) next = cellInput(tr, c);
    } else if (event.key === "ArrowLeft" && (!text || (el.selectionStart === 0 && el.selectionEnd === 0))) {
      for (var d = column - 1; d >= 0 && !next; d--) next = cellInput(tr, d);
    }
    if (!next) return;
    event.preventDefault();
    next.focus();
    if (next.select && next.tagName === "INPUT") next.select();
  });

  // Running sums as the clerk types: the 投资构成 against 「项目预计总投资」, and the sources too.
  // Amounts are counted exactly, in millionths of a 万元 (the 分, as the data model keeps them), as
  // BigInt: a float would show 860.00005 as 860.0001 and miss a gap of one 分.
  var PLACES = 6, SCALE = 1000000n;
  function amountOf(text) {
    var plain = String(text === null || text === undefined ? "" : text).normalize("NFKC")
      .replace(/[,\s]/g, "").replace(/万元$|万$/, "");
    if (!plain) return null;
    var parts = /^(-?)(\d+)(?:\.(\d+))?$/.exec(plain);
    if (!parts || (parts[3] || "").length > PLACES) return NaN;  // the server refuses it too
    var units = BigInt(parts[2]) * SCALE + BigInt((parts[3] || "").padEnd(PLACES, "0"));
    return parts[1] ? -units : units;
  }
  function shownAmount(units) {
    var size = units < 0n ? -units : units;
    var fraction = (size % SCALE).toString().padStart(PLACES, "0").replace(/0+$/, "");
    return (units < 0n ? "-" : "") + (size / SCALE).toString() + (fraction ? "." + fraction : "");
  }
  function pageAmount(pointer) {
    var el = fieldFor(pointer);
    return amountOf(el ? el.value : resolve(state.saved, pointer));
  }
  function sumOf(pointers) {
    var total = 0n, unread = 0, filled = 0;
    pointers.forEach(function (p) {
      var units = pageAmount(p);
      if (units === null) return;
      if (typeof units !== "bigint") { unread++; return; }
      total += units; filled++;
    });
    return { total: total, unread: unread, filled: filled };
  }
  function sumLine(block, id, text, good) {
    var line = block.querySelector('[data-sum="' + id + '"]');
    if (!line) {
      line = document.createElement("p");
      line.setAttribute("data-sum", id);
      line.setAttribute("aria-live", "polite");
      block.appendChild(line);
    }
    line.className = "sum " + (good ? "good" : "warn");
    line.textContent = text;
  }
  function against(sum, total, what) {
    var text = what + "合计 " + shownAmount(sum.total) + " 万元";
    if (typeof total !== "bigint") return [text + "（「项目预计总投资（万元）」未填写）", false];
    var gap = total - sum.total;
    if (gap === 0n) return [text + "，等于「项目预计总投资（万元）」" + shownAmount(total) + " 万元", true];
    return [text + "，" + (gap > 0n ? "比" : "超过") + "「项目预计总投资（万元）」" + shownAmount(total) + " 万元" +
      (gap > 0n ? "少 " : " ") + shownAmount(gap < 0n ? -gap : gap) + " 万元", false];
  }
  function showSums() {
    var total = pageAmount("/project/investment/total");
    var items = document.querySelector('[data-block="/project/investment/items"]');
    if (items) {
      var pointers = Array.prototype.map.call(items.querySelectorAll("tr.row-item"), function (tr) {
        return tr.getAttribute("data-row") + "/amount";
      });
      var sum = sumOf(pointers);
      var said = against(sum, total, "投资构成");
      if (sum.unread) said = [said[0] + "（另有 " + sum.unread + " 个金额读不出）", false];
      if (pointers.length) sumLine(items, "items", said[0], said[1]);
    }
    var sources = document.querySelector('[data-field="project.investment.sources"]');
    if (sources) {
      var parts = Array.prototype.map.call(sources.querySelectorAll("[data-pointer]"), function (el) {
        return el.getAttribute("data-pointer");
      });
      var given = sumOf(parts);
      if (given.filled) {
        var line = against(given, total, "计划资金来源");
        sumLine(sources, "sources", line[0], line[1]);
      }
    }
  }
  document.addEventListener("input", function (event) {
    var el = event.target;
    if (el instanceof Element && el.getAttribute("data-kind") === "amount") showSums();
  });

  showFindings();
  showMaterials();
  showSums();
  say("saved", "已保存");
})();
