// The conflict screen: typing in "Passage written anew" chooses "Use the text below", so a
// passage written anew is never saved as another choice by mistake. Without script the server
// asks instead (documents/conflicts.py).
document.addEventListener("input", function (event) {
  var text = event.target;
  if (!text.matches || !text.matches("[data-conflict-text]")) {
    return;
  }
  var passage = text.closest("[data-conflict]");
  var edit = passage && passage.querySelector("[data-conflict-edit]");
  if (edit && !edit.checked) {
    edit.checked = true;
  }
});
