package org.nsbed.server.web;

import org.nsbed.server.api.Caller;

/**
 * What the layout of every page needs: its title, the section of the navigation it belongs to,
 * who is signed in (null on the sign-in page) and the CSRF token of its forms.
 */
public record Page(String title, String section, Caller caller, String csrf) {

  public boolean signedIn() {
    return caller != null;
  }

  public boolean admin() {
    return caller != null && caller.admin();
  }
}
