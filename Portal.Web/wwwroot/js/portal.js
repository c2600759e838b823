// Small helpers for interactive components; nothing here is loaded from outside the portal.
window.portal = {
    submit(formId) {
        document.getElementById(formId)?.submit();
    },

    // Single-key shortcuts of a page (j, k, Enter, /, ?, r, n, s): never while the user types in a field,
    // never with a modifier, so the browser's and the screen reader's own keys keep working.
    shortcuts: {
        _handler: null,
        attach(dotnet, keys) {
            this.detach();
            this._handler = event => {
                if (event.ctrlKey || event.altKey || event.metaKey || event.isComposing) {
                    return;
                }
                const target = event.target;
                if (target && (target.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(target.tagName))) {
                    return;
                }
                if (document.querySelector(".mud-dialog-container")) {
                    return;
                }
                if (!keys.includes(event.key)) {
                    return;
                }
                if (event.key === "Enter" && target && ["A", "BUTTON"].includes(target.tagName)) {
                    return;
                }
                event.preventDefault();
                if (event.key === "/") {
                    document.querySelector("[data-shortcut-search] input, input[data-shortcut-search]")?.focus();
                }
                dotnet.invokeMethodAsync("OnShortcut", event.key);
            };
            document.addEventListener("keydown", this._handler);
        },
        detach() {
            if (this._handler) {
                document.removeEventListener("keydown", this._handler);
                this._handler = null;
            }
        },
        reveal(selector) {
            document.querySelector(selector)?.scrollIntoView({ block: "nearest" });
        }
    }
};
