package io.mediaconnector.video;

/**
 * What else goes when a video record is deleted: its running encode before the row, its
 * upload and outputs after it.
 */
public interface VideoRemoval {
    void beforeDelete(Video video);

    void afterDelete(Video video);

    VideoRemoval NOTHING_ELSE = new VideoRemoval() {
        @Override
        public void beforeDelete(Video video) {
        }

        @Override
        public void afterDelete(Video video) {
        }
    };
}
