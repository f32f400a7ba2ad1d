package org.nsbed.cli.loader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.UserError;
import org.nsbed.loader.image.CaptureOptions;
import org.nsbed.loader.image.Codec;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.Imagezip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed imagezip}: capture a disk or partition into an .ndz image. */
@Command(name = "imagezip", mixinStandardHelpOptions = true,
    description = "Capture a disk or partition (a file or block device) into an .ndz image.")
public final class ImagezipCommand implements Callable<Integer> {
  @ParentCommand Nsbed nsbed;

  @Option(names = {"-f", "--force"}, description = "Overwrite OUTPUT if it exists.")
  boolean force;

  @Option(names = "--codec", paramLabel = "zstd|zlib", description = "Compression (default zstd).")
  String codec = "zstd";

  @Option(names = "--level", description = "Compression level (default: zstd 3, zlib 4).")
  Integer level;

  @Option(names = "--chunk-size", paramLabel = "KIB", description = "Largest chunk in KiB (default 1024).")
  int chunkKib = CaptureOptions.DEFAULT_CHUNK_LIMIT >> 10;

  @Option(names = {"-s", "--skip-free"}, description = "Leave out free blocks of ext2/3/4 filesystems (their contents are not kept).")
  boolean skipFree;

  @Parameters(index = "0", paramLabel = "INPUT", description = "Disk, partition or file to capture.")
  Path input;

  @Parameters(index = "1", paramLabel = "OUTPUT.ndz", description = "Image file to write.")
  Path output;

  @Override
  public Integer call() {
    Codec c = switch (codec.toLowerCase(Locale.ROOT)) {
      case "zstd" -> Codec.ZSTD;
      case "zlib" -> Codec.ZLIB;
      default -> throw new UserError("--codec must be zstd or zlib, not '" + codec + "'", Nsbed.EXIT_USAGE);
    };
    CaptureOptions options;
    try {
      options = CaptureOptions.defaults().withCodec(c).withChunkLimit(chunkKib << 10).withOverwrite(force).withSkipFreeSpace(skipFree);
      if (level != null) {
        options = options.withLevel(level);
      }
    } catch (IllegalArgumentException e) {
      throw new UserError(e.getMessage(), Nsbed.EXIT_USAGE);
    }
    long start = System.nanoTime();
    ImageInfo info;
    try {
      info = Imagezip.capture(input, output, options);
    } catch (IOException e) {
      throw LoaderErrors.of(e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (nsbed.json()) {
      System.out.println(ImageInfoJson.of(info, seconds));
    } else if (!nsbed.quiet()) {
      System.out.printf(Locale.ROOT, "%s -> %s: %s disk, %s of data in %d chunks, image %s (%.2fx), %.1f s%n",
          input, output, LoaderErrors.mib(info.imageSize()), LoaderErrors.mib(info.dataBytes()), info.chunkCount(),
          LoaderErrors.mib(info.compressedBytes()), info.imageSize() / (double) Math.max(1, info.compressedBytes()), seconds);
      System.out.println("image " + info.uuid());
    }
    return Nsbed.EXIT_OK;
  }
}
