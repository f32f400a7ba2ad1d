package org.nsbed.server.web;

import java.util.List;
import java.util.TreeSet;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.server.api.Caller;

/** The projects a form offers: the user's own, or every project for a testbed admin. */
final class UserProjects {
  private UserProjects() {}

  static List<String> of(Catalogue catalogue, Caller caller) {
    if (!caller.admin()) {
      return List.copyOf(new TreeSet<>(caller.projects()));
    }
    return catalogue.projects().stream().sorted().toList();
  }
}
