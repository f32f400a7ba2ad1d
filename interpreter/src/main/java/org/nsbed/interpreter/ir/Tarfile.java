package org.nsbed.interpreter.ir;

/**
 * A tarball unpacked into a directory of a node at boot ({@code tb-set-node-tarfiles}).
 *
 * @param directory absolute directory on the node
 * @param tarball URL or path of the tarball
 */
public record Tarfile(String directory, String tarball) {}
