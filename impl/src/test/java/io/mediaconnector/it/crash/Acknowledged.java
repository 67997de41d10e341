package io.mediaconnector.it.crash;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * What the service acknowledged about one video, and what it may have done without saying so
 * (a request cut off by the kill may or may not have committed: both outcomes are correct).
 */
final class Acknowledged {
    final String id;
    final String uploadUri;
    /** The name it must have: the acknowledged one, plus any whose PUT was cut off. */
    final Set<String> names = new LinkedHashSet<>();
    boolean uploaded;
    boolean uploadMaybe;
    boolean completeRequested;
    boolean completeMaybe;
    boolean deleted;
    boolean deleteMaybe;
    boolean seenCompleted;

    Acknowledged(String id, String uploadUri, String name) {
        this.id = id;
        this.uploadUri = uploadUri;
        names.add(name);
    }

    boolean mayUpload() {
        return !uploaded && !uploadMaybe && !deleted && !deleteMaybe && !completeRequested && !completeMaybe;
    }

    boolean mayComplete() {
        return uploaded && !completeRequested && !completeMaybe && !deleted && !deleteMaybe;
    }

    boolean exists() {
        return !deleted && !deleteMaybe;
    }

    /** Encoding was asked for and acknowledged, or perhaps was: it must end Completed either way once asked again. */
    boolean encodes() {
        return completeRequested;
    }
}
