// Small helpers for interactive components; nothing here is loaded from outside the portal.
window.portal = {
    submit(formId) {
        document.getElementById(formId)?.submit();
    }
};
