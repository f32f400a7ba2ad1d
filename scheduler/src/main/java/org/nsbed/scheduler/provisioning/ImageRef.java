package org.nsbed.scheduler.provisioning;

import java.nio.file.Path;

/**
 * An image file to load.
 *
 * @param name the Image ID ({@code pid/name})
 * @param file the {@code .ndz} file
 * @param imageBytes the uncompressed size it writes (progress total)
 * @param fileBytes the file's size (the load deadline grows with it)
 */
public record ImageRef(String name, Path file, long imageBytes, long fileBytes) {}
