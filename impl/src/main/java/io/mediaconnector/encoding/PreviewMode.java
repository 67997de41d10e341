package io.mediaconnector.encoding;

/** How the early, single-rendition preview was made. */
public enum PreviewMode {
    /** The source's own H.264/AAC streams, packaged without re-encoding. */
    STREAM_COPY,
    /** The smallest rendition of the ladder, encoded first because the source could not be copied. */
    LOWEST_RENDITION
}
