package org.nsbed.provisioner.catalog;

import java.util.List;

/**
 * The fields of the New Image Descriptor form ({@code nsbed image create}), as entered. Optional
 * fields are null when not given; {@link ImageDescriptors#create} checks each and fills defaults.
 *
 * @param project owning project (required)
 * @param name descriptor name, also the OSID's name (required)
 * @param description free text (required)
 * @param os OS family (required)
 * @param version OS version (required)
 * @param nodeTypes node types the image runs on (at least one)
 * @param path image file; default {@code /proj/<pid>/images/<name>.ndz}
 * @param loadPartition 0 = whole disk (default), 1..4 = that partition
 * @param global usable by all projects (admins only)
 * @param shared usable by all groups of the project
 * @param features OS features
 * @param opMode boot mode; default NORMALv2
 * @param rebootWaitSeconds boot wait; default by OS family ({@link OsFamilies})
 * @param maxConcurrent licence cap; default 0 (none)
 */
public record NewImage(
    String project,
    String name,
    String description,
    String os,
    String version,
    List<String> nodeTypes,
    String path,
    Integer loadPartition,
    boolean global,
    boolean shared,
    List<String> features,
    String opMode,
    Integer rebootWaitSeconds,
    Integer maxConcurrent) {}
