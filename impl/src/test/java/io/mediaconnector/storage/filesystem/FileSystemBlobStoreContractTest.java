package io.mediaconnector.storage.filesystem;

import io.mediaconnector.storage.BlobStore;
import io.mediaconnector.storage.BlobStoreContract;
import io.mediaconnector.storage.DiskSpace;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.io.TempDir;

/** The {@link BlobStore} contract, on a local directory. */
class FileSystemBlobStoreContractTest extends BlobStoreContract {

    @TempDir
    Path root;

    @Override
    protected BlobStore newStore() throws IOException {
        return new FileSystemBlobStore(root.resolve("store"), Clock.systemUTC(), new DiskSpace(root, 0));
    }
}
