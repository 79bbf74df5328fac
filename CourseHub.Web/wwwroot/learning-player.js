// The player's video: streams the lesson's HLS renditions with hls.js (bundled from npm into /lib at build; Safari plays
// HLS itself), resumes at the saved second and reports where the student is (every few seconds while playing, on pause,
// at the end and when the page is hidden) to the component, which saves it through the Api. A module of ours, loaded
// from the Web's origin, because the Content-Security-Policy runs no inline script.
const saveEverySeconds = 5;

async function loadHls() {
    if (!globalThis.Hls) {
        await import("./lib/hls.js/hls.min.js"); // a UMD build: it sets globalThis.Hls
    }
    return globalThis.Hls;
}

// Quality: hls.js picks the level by bandwidth ("Auto") unless the student chooses one. Links in the playlists are
// signed for a few minutes: when one has expired (403), the stream is opened afresh at the same second.
async function stream(video, quality, speed) {
    const source = video.dataset.src;
    speed?.addEventListener("change", () => { video.playbackRate = Number(speed.value) || 1; });
    const Hls = await loadHls();
    if (!Hls?.isSupported()) {
        video.src = source; // native HLS (Safari)
        return { destroy() {} };
    }
    const hls = new Hls({ enableWorker: false, capLevelToPlayerSize: true });
    hls.on(Hls.Events.MANIFEST_PARSED, (_, data) => {
        if (!quality) {
            return;
        }
        quality.length = 1;
        data.levels.forEach((level, index) => quality.add(new Option(`${level.height}p`, String(index))));
        video.dataset.levels = String(data.levels.length);
    });
    quality?.addEventListener("change", () => { hls.currentLevel = Number(quality.value); });
    hls.on(Hls.Events.FRAG_LOADED, () => { video.dataset.fragments = String(Number(video.dataset.fragments || 0) + 1); });
    hls.on(Hls.Events.ERROR, (_, data) => {
        if (data.fatal && data.response?.code === 403) {
            const at = video.currentTime;
            const playing = !video.paused;
            hls.loadSource(source);
            hls.once(Hls.Events.MANIFEST_PARSED, () => { video.currentTime = at; if (playing) { video.play().catch(() => {}); } });
        } else if (data.fatal && data.type === Hls.ErrorTypes.MEDIA_ERROR) {
            hls.recoverMediaError();
        }
        video.dataset.lastError = data.details;
    });
    hls.loadSource(source);
    hls.attachMedia(video);
    return hls;
}

// The viewer's name drifts to a new spot every few seconds, so no corner can be cropped away.
function drift(video) {
    const overlay = video.parentElement?.querySelector(".lesson-video-overlay");
    if (!overlay) {
        return () => {};
    }
    const move = () => {
        overlay.style.left = `${5 + Math.random() * 60}%`;
        overlay.style.top = `${5 + Math.random() * 80}%`;
    };
    move();
    const timer = setInterval(move, 7000);
    return () => clearInterval(timer);
}

export async function attach(video, component, startSeconds, quality, speed) {
    const hls = await stream(video, quality, speed);
    const stopDrift = drift(video);
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
            stopDrift();
            hls.destroy();
            video.removeEventListener("pause", report);
            video.removeEventListener("ended", report);
            document.removeEventListener("visibilitychange", onHidden);
            window.removeEventListener("pagehide", report);
            return Math.floor(video.currentTime || 0);
        },
    };
}
