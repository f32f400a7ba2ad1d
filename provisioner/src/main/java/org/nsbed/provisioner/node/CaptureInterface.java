package org.nsbed.provisioner.node;

import java.io.IOException;
import java.nio.file.Path;
import org.nsbed.loader.image.ImageInfo;

/**
 * Capturing a node's disk into an image file ({@code create_image}), as the reference's admin MFS
 * does with imagezip. A driver brings the node to a state where its disk can be read (powered
 * off, or its OS shut down cleanly) and hands the disk to the shared {@link ImageCapture}.
 */
public interface CaptureInterface {

  /**
   * Captures the whole disk ({@code partition} 0) or one MBR partition (1..4). The node is off
   * afterwards.
   *
   * @throws IOException if the disk cannot be read or the image cannot be written
   */
  ImageInfo captureImage(String node, int partition, Path image) throws IOException;
}
