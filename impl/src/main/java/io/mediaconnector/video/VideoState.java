package io.mediaconnector.video;

/** A video's lifecycle; the codes are the Connector's {@code StatusCode}s. */
public enum VideoState {
    CREATED(0, "Created", "Awaiting upload."),
    PROCESSING(1, "Processing", "Video is still being processed. Try again later."),
    COMPLETED(2, "Completed", "Video is ready."),
    FAILED(3, "Failed", "Video processing failed.");

    private final int code;
    private final String wireName;
    private final String defaultMessage;

    VideoState(int code, String wireName, String defaultMessage) {
        this.code = code;
        this.wireName = wireName;
        this.defaultMessage = defaultMessage;
    }

    public int code() {
        return code;
    }

    public String wireName() {
        return wireName;
    }

    public String defaultMessage() {
        return defaultMessage;
    }

    public static VideoState fromCode(int code) {
        for (VideoState state : values()) {
            if (state.code == code) {
                return state;
            }
        }
        throw new IllegalArgumentException("no video state with code " + code);
    }

    public static VideoState fromWireName(String name) {
        for (VideoState state : values()) {
            if (state.wireName.equals(name)) {
                return state;
            }
        }
        throw new IllegalArgumentException("no video state named " + name);
    }
}
