package org.nsbed.server.web;

/** One node on the Nodes page: its state, who holds it, why it is down. */
public record NodeLine(String name, String type, String state, String experiment, String vname, String reason) {}
