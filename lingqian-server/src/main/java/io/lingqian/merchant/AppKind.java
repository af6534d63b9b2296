package io.lingqian.merchant;

/** What kind of app a merchant registers; each gets its own appid and its own openids. */
public enum AppKind {
    OFFICIAL_ACCOUNT("Official account"),
    MINI_PROGRAM("Mini program"),
    MOBILE_APP("Mobile app");

    private final String displayName;

    AppKind(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }
}
