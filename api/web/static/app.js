// The checklist upload: an HTML form cannot send the bearer token, so it is posted from here to
// the same endpoint API clients use (POST /api/v1/checklists), and the answer is shown in Chinese.
"use strict";

function uploadSummary(report) {
  const counts = report.counts || {};
  const parts = [`已入库：清单 ${counts.checklists || 0} 份，条目 ${counts.items || 0} 条`];
  if (report.skipped && report.skipped.length) parts.push(`跳过 ${report.skipped.length} 行`);
  if (report.unresolved && report.unresolved.length) parts.push(`${report.unresolved.length} 处名称未识别`);
  return parts.join("；") + "。";
}

function problemText(status, problem) {
  const reasons = { 401: "报送口令不正确", 403: "服务器未开放报送", 413: "文件过大", 422: "文件无法识别" };
  const detail = problem && problem.detail ? `（${typeof problem.detail === "string" ? problem.detail : JSON.stringify(problem.detail)}）` : "";
  return `上传失败：${reasons[status] || "服务器错误 " + status}${detail}`;
}

async function submitChecklist(event) {
  event.preventDefault();
  const form = event.target;
  const result = form.querySelector(".upload-result");
  const button = form.querySelector("button[type=submit]");
  const fields = new FormData(form);
  const token = fields.get("token");
  fields.delete("token");
  if (!fields.get("year")) fields.delete("year");
  result.className = "upload-result";
  result.textContent = "正在上传……";
  button.disabled = true;
  try {
    const response = await fetch(form.dataset.endpoint, {
      method: "POST", body: fields, headers: { Authorization: `Bearer ${token}` },
    });
    const answer = await response.json().catch(() => null);
    if (response.ok) {
      result.classList.add("done");
      result.textContent = uploadSummary(answer);
      const reload = document.createElement("a");
      reload.href = window.location.pathname;
      reload.textContent = " 刷新查看新清单";
      result.appendChild(reload);
    } else {
      result.classList.add("failed");
      result.textContent = problemText(response.status, answer);
    }
  } catch (error) {
    result.classList.add("failed");
    result.textContent = `上传失败：无法连接服务器（${error.message}）`;
  } finally {
    button.disabled = false;
  }
}

document.addEventListener("DOMContentLoaded", () => {
  const form = document.getElementById("upload-form");
  if (form) form.addEventListener("submit", submitChecklist);
});
