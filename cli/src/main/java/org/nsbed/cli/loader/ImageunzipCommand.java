package org.nsbed.cli.loader;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.Imageunzip;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code nsbed imageunzip}: write an .ndz image back onto a disk or file. */
@Command(name = "imageunzip", mixinStandardHelpOptions = true,
    description = "Write an .ndz image onto a disk (a file or block device). Every chunk's SHA-256 is checked before it is written.")
public final class ImageunzipCommand implements Callable<Integer> {
  @ParentCommand Nsbed nsbed;

  @Parameters(index = "0", paramLabel = "IMAGE.ndz", description = "Image to unpack.")
  Path image;

  @Parameters(index = "1", paramLabel = "OUTPUT", description = "Disk or file to write.")
  Path output;

  @Override
  public Integer call() {
    long start = System.nanoTime();
    ImageInfo info;
    try {
      info = Imageunzip.unpack(image, output);
    } catch (IOException e) {
      throw LoaderErrors.of(e);
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    if (nsbed.json()) {
      System.out.println(ImageInfoJson.of(info, seconds));
    } else if (!nsbed.quiet()) {
      System.out.printf(Locale.ROOT, "%s -> %s: %s written from %d chunks, %.2f s%n",
          image, output, LoaderErrors.mib(info.imageSize()), info.chunkCount(), seconds);
    }
    return Nsbed.EXIT_OK;
  }
}
