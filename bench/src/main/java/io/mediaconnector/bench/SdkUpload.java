package io.mediaconnector.bench;

import com.azure.core.util.Context;
import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobClientBuilder;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobUploadFromFileOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Uploads one file to an {@code UploadUri} (a SAS blob URL of the service) with the official Azure
 * Java SDK, in parallel blocks: 8 MiB blocks, 4 at a time, anything over 8 MiB as Put Block +
 * Put Block List. Used by {@code bench/upload-bench.sh}.
 *
 * <pre>
 * java -cp ... io.mediaconnector.bench.SdkUpload UPLOAD_URI FILE
 * </pre>
 * Prints one line: {@code bytes seconds MB/s} (MB = 10^6 bytes, as dd), timing only the upload
 * call (not JVM start, not building the client).
 */
public final class SdkUpload {
    private static final long MIB = 1024L * 1024;

    private SdkUpload() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: SdkUpload UPLOAD_URI FILE");
            System.exit(2);
        }
        String uploadUri = args[0];
        Path file = Path.of(args[1]);
        long bytes = Files.size(file);
        BlobClient blob = new BlobClientBuilder().endpoint(uploadUri).buildClient();
        BlobUploadFromFileOptions options = new BlobUploadFromFileOptions(file.toString())
                .setParallelTransferOptions(new ParallelTransferOptions()
                        .setBlockSizeLong(8 * MIB)
                        .setMaxConcurrency(4)
                        .setMaxSingleUploadSizeLong(8 * MIB));
        long started = System.nanoTime();
        int status = blob.uploadFromFileWithResponse(options, null, Context.NONE).getStatusCode();
        double seconds = (System.nanoTime() - started) / 1e9;
        if (status != 201) {
            throw new IllegalStateException("upload answered " + status);
        }
        System.out.printf(Locale.ROOT, "%d %.3f %.1f%n", bytes, seconds, bytes / seconds / 1e6);
        System.exit(0); // the SDK's Netty/Reactor threads would keep the JVM up for a while
    }
}
