package io.mediaconnector.it.fuzz;

/**
 * Real things of the running service for the fuzz to aim at, so that requests reach the code
 * behind authentication and lookups instead of stopping at a 401 or a 404.
 *
 * @param key          an account's write key
 * @param adminKey     the admin key
 * @param accountId    that account's id
 * @param videoId      a video of that account, awaiting upload
 * @param foreignVideo a video of another account
 * @param uploadPath   the video's blob path with its SAS query ({@code /blob/...?sv=…})
 * @param protectedId  an AES-128 video of the account
 * @param keyId        its content key id
 * @param token        a playback token for it
 */
public record Fixtures(String key, String adminKey, String accountId, String videoId, String foreignVideo,
                       String uploadPath, String protectedId, String keyId, String token) {
}
