package org.nsbed.server.web;

/** What the Begin an Experiment form holds, as entered, so that a refused form comes back filled in. */
public record BeginForm(String project, String name, String description, String nsText, boolean swapIn,
    String maxDuration) {}
