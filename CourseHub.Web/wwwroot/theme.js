// The theme cookies the server reads when it prerenders a page (ThemePreference.cs), written by the layout's toggle and by
// its watch of the system setting, so the next full page load starts in the right theme without a round trip.
window.courseHubTheme = {
    remember(name, value) {
        const secure = location.protocol === "https:" ? "; Secure" : "";
        document.cookie = value
            ? `${name}=${value}; Path=/; Max-Age=31536000; SameSite=Lax${secure}`
            : `${name}=; Path=/; Max-Age=0; SameSite=Lax${secure}`;
    },
};
