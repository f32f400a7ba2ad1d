package org.nsbed.server.web;

import java.util.List;
import java.util.TreeSet;
import org.nsbed.provisioner.catalog.CatalogRepository;
import org.nsbed.provisioner.catalog.Project;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.server.api.Caller;

/** The projects a form offers: the user's own, or every project for a testbed admin. */
final class UserProjects {
  private UserProjects() {}

  static List<String> of(Database db, Caller caller) {
    if (!caller.admin()) {
      return List.copyOf(new TreeSet<>(caller.projects()));
    }
    return db.read(s -> new CatalogRepository(s).projects().stream().map(Project::pid).sorted().toList());
  }
}
