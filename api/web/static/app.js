/* The little the pages need beyond HTML: a question before a form that cannot be undone, and a law
   picker that resolves a name as it is typed (GET /api/v1/laws, the same answer as the search page). */
"use strict";

document.addEventListener("submit", (event) => {
  const button = event.submitter;
  const question = (button && button.dataset.confirm) || event.target.dataset.confirm;
  if (question && !window.confirm(question)) {
    event.preventDefault();
  }
});

function lawPicker(input) {
  const list = document.createElement("datalist");
  list.id = `${input.name}-${Math.random().toString(36).slice(2)}`;
  input.setAttribute("list", list.id);
  input.after(list);
  const shown = document.createElement("small");
  shown.className = "picked";
  shown.setAttribute("aria-live", "polite");
  list.after(shown);
  let timer = null;
  let found = [];

  const describe = () => {
    const text = input.value.replace(/[《》]/g, "").trim();
    const match = found.find((law) => law.title === text || law.short_title === text);
    shown.textContent = !text ? "" : match ? `已识别：《${match.title}》（${match.status}）` : (found.length ? "请从列表中选择，或继续输入" : "未找到该名称的法律法规，请检查");
    shown.className = match ? "picked ok" : "picked warn-text";
  };

  input.addEventListener("input", () => {
    clearTimeout(timer);
    const text = input.value.replace(/[《》]/g, "").trim();
    if (text.length < 2) { found = []; describe(); return; }
    timer = setTimeout(async () => {
      const response = await fetch(`/api/v1/laws?q=${encodeURIComponent(text)}&limit=8`, {headers: {Accept: "application/json"}});
      if (!response.ok) { return; }
      found = (await response.json()).data;
      list.replaceChildren(...found.map((law) => {
        const option = document.createElement("option");
        option.value = law.title;
        option.label = `${law.level} · ${law.status}`;
        return option;
      }));
      describe();
    }, 250);
  });
}

document.querySelectorAll("input[data-law-picker]").forEach(lawPicker);
