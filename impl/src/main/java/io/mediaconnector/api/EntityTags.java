package io.mediaconnector.api;

import io.mediaconnector.problem.ProblemException;
import io.mediaconnector.problem.ProblemType;

/** {@code If-None-Match} and {@code If-Match} against the strong ETag {@code "<version>"}. */
final class EntityTags {
    private EntityTags() {
    }

    /** Whether an {@code If-None-Match} header matches the current ETag (so the answer is 304). */
    static boolean noneMatchHits(String ifNoneMatch, String currentEtag) {
        if (ifNoneMatch == null) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*") || tag.equals(currentEtag) || tag.equals("W/" + currentEtag)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The version an {@code If-Match} demands, or null when there is none (or it is {@code *}).
     * An ETag this service never issued cannot match: 412.
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.length() > 2 && tag.startsWith("\"") && tag.endsWith("\"")) {
            try {
                return Long.parseLong(tag.substring(1, tag.length() - 1));
            } catch (NumberFormatException ignored) {
                // falls through to 412
            }
        }
        throw new ProblemException(ProblemType.PRECONDITION_FAILED,
                "If-Match " + tag + " is not a current ETag of this video.");
    }
}
