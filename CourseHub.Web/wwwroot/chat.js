// The chat thread's browser side: Enter sends and Shift+Enter starts a new line in the composer, the textarea grows
// with its text, older messages load when the top of the thread scrolls into view (keeping the reader's place), new
// ones scroll into view when the reader was at the bottom, and the component hears when the tab is shown or hidden
// (messages count as read only while the thread is visible). A module of ours: the Content-Security-Policy runs no inline script.

export function attach(scroller, sentinel, textarea, component) {
    const call = (method, ...args) => component.invokeMethodAsync(method, ...args).catch(() => { /* the circuit is gone */ });
    const onKey = event => {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            call("SendFromKeyboard", textarea.value);
        }
    };
    const grow = () => {
        textarea.style.height = "auto";
        textarea.style.height = Math.min(textarea.scrollHeight, 200) + "px";
    };
    textarea?.addEventListener("keydown", onKey);
    textarea?.addEventListener("input", grow);
    const observer = new IntersectionObserver(entries => {
        if (entries.some(entry => entry.isIntersecting)) {
            call("LoadOlder");
        }
    }, { root: scroller, rootMargin: "200px 0px 0px 0px" });
    observer.observe(sentinel);
    const onVisibility = () => call("VisibilityChanged", document.visibilityState === "visible");
    document.addEventListener("visibilitychange", onVisibility);
    return {
        visible: () => document.visibilityState === "visible",
        nearBottom: () => scroller.scrollHeight - scroller.scrollTop - scroller.clientHeight < 80,
        fromBottom: () => scroller.scrollHeight - scroller.scrollTop,
        keepFromBottom: distance => { scroller.scrollTop = scroller.scrollHeight - distance; },
        toBottom: () => { scroller.scrollTop = scroller.scrollHeight; },
        grow: () => { if (textarea) { grow(); } },
        focus: () => textarea?.focus(),
        detach: () => {
            textarea?.removeEventListener("keydown", onKey);
            textarea?.removeEventListener("input", grow);
            observer.disconnect();
            document.removeEventListener("visibilitychange", onVisibility);
        },
    };
}
