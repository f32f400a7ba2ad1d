package org.nsbed.provisioner.node;

/**
 * A piece of a node's serial console log.
 *
 * @param text the characters read
 * @param nextOffset where the next read continues
 */
public record ConsoleText(String text, long nextOffset) {}
