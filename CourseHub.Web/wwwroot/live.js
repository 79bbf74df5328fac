// Live classes: the browser's own time zone, so slots and sessions show in the student's local time.
window.courseHubLive = {
    timeZone: () => Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC",
    copy: (text) => navigator.clipboard ? navigator.clipboard.writeText(text).then(() => true, () => false) : false,
};
