// The player's video: resumes at the saved second and reports where the student is (every few seconds while playing, on
// pause, at the end and when the page is hidden) to the component, which saves it through the Api. A module of ours,
// loaded from the Web's origin, because the Content-Security-Policy runs no inline script.
const saveEverySeconds = 5;

export function attach(video, component, startSeconds) {
    let lastSent = -1;
    const report = () => {
        const seconds = Math.floor(video.currentTime || 0);
        if (seconds === lastSent) {
            return;
        }
        lastSent = seconds;
        component.invokeMethodAsync("SavePosition", seconds).catch(() => { /* the circuit is gone: nothing more to save to */ });
    };
    const resume = () => {
        // Resuming in the last seconds would end the video at once: start those again from the beginning.
        if (startSeconds > 0 && (!video.duration || startSeconds < video.duration - 2)) {
            video.currentTime = startSeconds;
        }
    };
    if (video.readyState >= 1) {
        resume();
    } else {
        video.addEventListener("loadedmetadata", resume, { once: true });
    }
    const timer = setInterval(() => { if (!video.paused && !video.ended) { report(); } }, saveEverySeconds * 1000);
    const onHidden = () => { if (document.visibilityState === "hidden") { report(); } };
    video.addEventListener("pause", report);
    video.addEventListener("ended", report);
    document.addEventListener("visibilitychange", onHidden);
    window.addEventListener("pagehide", report);
    return {
        // Leaving the lesson inside the app: stop watching and hand back the last position for the component to save.
        detach() {
            clearInterval(timer);
            video.removeEventListener("pause", report);
            video.removeEventListener("ended", report);
            document.removeEventListener("visibilitychange", onHidden);
            window.removeEventListener("pagehide", report);
            return Math.floor(video.currentTime || 0);
        },
    };
}
