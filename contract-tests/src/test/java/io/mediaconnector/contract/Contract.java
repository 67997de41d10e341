package io.mediaconnector.contract;

/**
 * What the consumer tests and the provider verification must agree on: the pact's parties, the
 * provider states (named after business facts), the values they inject, and the placeholder
 * API keys the consumer sends (the provider swaps them for real keys it created for the state).
 */
public final class Contract {
    public static final String CONSUMER = "media-connector-client";
    public static final String PROVIDER = "media-connector";

    /** Provider states. */
    public static final String ACCOUNT_WITH_READ_WRITE_KEY = "an account with a read-write key exists";
    public static final String ACCOUNT_WITH_READ_ONLY_KEY = "an account with a read-only key exists";
    public static final String OPERATOR_WITH_ADMIN_KEY = "the operator has an admin key";
    public static final String ANOTHER_ACCOUNT = "another account exists";
    public static final String VIDEO_AWAITING_UPLOAD = "a video awaiting upload exists";
    /** Tagged {@value #EXAMPLE_TAG}, with the Metadata {@value #EXAMPLE_METADATA_KEY} = {@value #EXAMPLE_METADATA_VALUE}. */
    public static final String VIDEO_WITH_TAGS_AND_METADATA = "a video with tags and metadata exists";
    public static final String VIDEO_WITH_UPLOADED_FILE = "a video whose file was uploaded exists";
    public static final String VIDEO_FINISHED_ENCODING = "a video that finished encoding exists";
    public static final String VIDEO_ENCODING_FAILED = "a video whose encoding failed exists";
    public static final String PROTECTED_VIDEO_AWAITING_UPLOAD = "a protected video awaiting upload exists";
    public static final String PROTECTED_VIDEO_FINISHED_ENCODING = "a protected video that finished encoding exists";
    public static final String VIDEO_CHANGED_SINCE_READ = "a video was changed after the client read it";
    public static final String TWO_VIDEOS = "the account has two videos";
    public static final String VIDEO_OF_ANOTHER_ACCOUNT = "a video of another account exists";

    /** Values the provider states hand to the requests (provider-state injection). */
    public static final String VIDEO_ID = "videoId";
    public static final String ETAG = "etag";
    public static final String STALE_ETAG = "staleEtag";
    public static final String ACCOUNT_ID = "accountId";
    /** A protected video's {@code ContentProtectionKeyId}. */
    public static final String KEY_ID = "keyId";

    /** The details of {@value #VIDEO_WITH_TAGS_AND_METADATA}. */
    public static final String EXAMPLE_TAG = "summer";
    public static final String EXAMPLE_METADATA_KEY = "camera";
    public static final String EXAMPLE_METADATA_VALUE = "gopro";

    /** Placeholder secrets the consumer sends as {@code Authorization: Bearer <key>}. */
    public static final String READ_WRITE_KEY = "placeholder-read-write-key";
    public static final String READ_ONLY_KEY = "placeholder-read-only-key";
    public static final String ADMIN_KEY = "placeholder-admin-key";

    private Contract() {
    }
}
