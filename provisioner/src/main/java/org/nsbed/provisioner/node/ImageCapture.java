package org.nsbed.provisioner.node;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.nsbed.loader.image.CaptureOptions;
import org.nsbed.loader.image.ImageInfo;
import org.nsbed.loader.image.Imagezip;
import org.nsbed.provisioner.disk.DiskLabel;
import org.nsbed.provisioner.disk.PartitionSlice;

/**
 * imagezip over a node's disk: what the reference's admin MFS runs for {@code create_image},
 * shared by every driver whose node disks the control host can read (the simulator's disk files,
 * a virtual machine's raw disk). The whole disk or one MBR partition is captured; the free blocks
 * of ext2/3/4 filesystems are left out. The image file is replaced only once the capture is
 * complete, so a failed capture leaves the previous image in place. An image captured on another
 * machine (a node host's agent) is written in place the same way by {@link #receive}.
 */
public final class ImageCapture {
  private ImageCapture() {}

  /**
   * Captures {@code disk} (partition 0: whole disk, 1..4: that partition) into {@code image}.
   *
   * @param node the node the disk belongs to, for messages
   * @param console where the capture's progress lines go (the node's console log)
   * @throws IOException if the disk has no such partition, cannot be read, or the image cannot be written
   */
  public static ImageInfo capture(String node, Path disk, int partition, Path image, ConsoleLog console)
      throws IOException {
    if (!Files.exists(disk)) {
      console.println("create-image: no disk");
      throw new IOException("node " + node + " has no disk to capture");
    }
    Path dir = image.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + image.getFileName(), ".part");
    PartitionSlice slice = null;
    try {
      if (partition > 0) {
        DiskLabel.Partition part = DiskLabel.read(disk).partition(partition).orElseThrow(() ->
            new IOException("node " + node + " has no partition " + partition + " to capture"));
        slice = PartitionSlice.cut(disk, part, dir, node);
      }
      console.println("create-image: imagezip " + (partition == 0 ? "whole disk" : "partition " + partition) + " -> "
          + image.getFileName());
      ImageInfo info = Imagezip.capture(slice != null ? slice.file() : disk, tmp,
          CaptureOptions.defaults().withOverwrite(true).withSkipFreeSpace(true));
      Files.move(tmp, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      console.println("create-image: wrote " + info.compressedBytes() + " bytes (" + info.chunkCount() + " chunks)");
      return ImageInfo.read(image);
    } finally {
      Files.deleteIfExists(tmp);
      if (slice != null) {
        slice.close();
      }
    }
  }

  /**
   * Writes an image that arrives from {@code in} (captured by imagezip on another machine) into
   * {@code image}: into a partial file beside it first, which replaces {@code image} only once
   * every byte has arrived and the image reads back whole. When the stream breaks off or the
   * bytes are not an image, the partial file is removed and {@code image} stays as it was.
   *
   * @throws IOException if the stream breaks off, the bytes are not an image, or the file cannot be written
   */
  public static ImageInfo receive(InputStream in, Path image) throws IOException {
    Path dir = image.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path tmp = Files.createTempFile(dir, "." + image.getFileName(), ".part");
    try {
      Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      ImageInfo.read(tmp);
      Files.move(tmp, image, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return ImageInfo.read(image);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
