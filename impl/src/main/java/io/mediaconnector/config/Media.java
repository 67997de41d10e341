package io.mediaconnector.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Settings of uploads, encoding and playback.
 *
 * @param workers              encoding workers in this node (0: an API-only node)
 * @param jobMaxAttempts       attempts of one encoding job before its video is Failed
 * @param jobLease             how long a claimed job stays a worker's without a heartbeat
 * @param jobPollInterval      how often an idle worker looks for a job
 * @param jobDiskFullBackoff   how long an encode that found the disk full waits before it tries again
 * @param maxUploadBytes       largest upload (413 above)
 * @param uploadSasValidity    how long an UploadUri accepts writes
 * @param playbackUrlValidity  how long signed thumbnail URLs stay valid
 * @param signingSecret        HMAC secret of SAS and signed URLs; every node of a deployment needs
 *                             the same one (empty: generated once into the data directory)
 * @param systemFfmpeg         a system ffmpeg and ffprobe instead of the bundled ones
 * @param plaintextDir         where decrypted encrypted uploads live while they are encoded
 */
public record Media(int workers, int jobMaxAttempts, Duration jobLease, Duration jobPollInterval,
                    Duration jobDiskFullBackoff, long maxUploadBytes, Duration uploadSasValidity, Duration playbackUrlValidity,
                    Optional<String> signingSecret, Optional<SystemFfmpeg> systemFfmpeg, Path plaintextDir) {

    public Media {
        if (workers < 0) {
            throw new InvalidSettingsException("workers must be 0 or more");
        }
        if (jobMaxAttempts < 1) {
            throw new InvalidSettingsException("job max attempts must be at least 1");
        }
        if (jobLease.compareTo(Duration.ofSeconds(3)) < 0) {
            throw new InvalidSettingsException("job lease must be at least 3 seconds");
        }
        if (jobDiskFullBackoff.isNegative() || jobDiskFullBackoff.isZero()) {
            throw new InvalidSettingsException("job disk full backoff must be positive");
        }
        if (maxUploadBytes < 1) {
            throw new InvalidSettingsException("max upload bytes must be positive");
        }
        signingSecret.ifPresent(secret -> {
            if (secret.length() < 32) {
                throw new InvalidSettingsException("the signing secret must be at least 32 characters");
            }
        });
    }

    /** A heartbeat well inside the lease, so one late beat does not lose the job. */
    public Duration jobHeartbeat() {
        return jobLease.dividedBy(3);
    }

    public record SystemFfmpeg(Path ffmpeg, Path ffprobe) {
    }
}
