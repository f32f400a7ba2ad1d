package org.nsbed.interpreter.ir;

/**
 * A program agent ({@code new Program $ns}, {@code $node program-agent},
 * {@code tb-set-node-startcmd}).
 *
 * @param name program name
 * @param node node it runs on
 * @param command shell command
 * @param directory working directory, or null
 * @param timeout seconds, or null
 * @param expectedExitCode expected exit status, or null
 * @param line line where it was created or named
 */
public record Program(
    String name, String node, String command, String directory, Double timeout, Integer expectedExitCode,
    int line) {}
