package org.nsbed.cli.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.HomeDatabase;
import org.nsbed.cli.UserError;
import org.nsbed.provisioner.access.Credentials;
import org.nsbed.provisioner.catalog.Catalogue;
import org.nsbed.provisioner.catalog.UserListing;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.server.json.ExperimentJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code nsbed user list|passwd|token}: the server's users and their credentials. These act on
 * the database directly: a testbed admin may manage anyone, a user only themselves.
 */
@Command(name = "user", mixinStandardHelpOptions = true,
    description = "Users of the server: list them, set a web password, create and revoke API tokens.",
    subcommands = {UserCommand.ListUsers.class, UserCommand.Passwd.class, UserCommand.Token.class,
        CommandLine.HelpCommand.class})
public final class UserCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static Nsbed root(CommandSpec spec) {
    return (Nsbed) spec.root().userObject();
  }

  /** Runs {@code work} with the credentials, after checking that the acting user may manage {@code target}'s. */
  static <T> T asManagerOf(Nsbed nsbed, String target, Function<Credentials, T> work) {
    return HomeDatabase.withDatabase(nsbed, db -> {
      Credentials credentials = new Credentials(db);
      try {
        credentials.checkManager(nsbed.user(), target);
        return work.apply(credentials);
      } catch (LifecycleException e) {
        throw new UserError(e.getMessage());
      }
    });
  }

  /** {@code nsbed user list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the users, their projects and roles.")
  public static final class ListUsers implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() throws Exception {
      Nsbed nsbed = root(spec);
      List<Map<String, Object>> users = new ArrayList<>();
      for (UserListing u : HomeDatabase.withDatabase(nsbed, db -> new Catalogue(db).users())) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", u.name());
        m.put("admin", u.admin());
        m.put("projects", u.projects());
        m.put("password", u.password());
        users.add(m);
      }
      if (nsbed.json()) {
        System.out.println(ExperimentJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(users));
        return Nsbed.EXIT_OK;
      }
      for (Map<String, Object> u : users) {
        System.out.printf("%-16s %-6s %-9s %s%n", u.get("name"), (Boolean) u.get("admin") ? "admin" : "-",
            (Boolean) u.get("password") ? "password" : "-", u.get("projects"));
      }
      return Nsbed.EXIT_OK;
    }
  }

  /** {@code nsbed user passwd USER}: the password is read from standard input. */
  @Command(name = "passwd", mixinStandardHelpOptions = true,
      description = "Set USER's password for the web sign-in; reads it from standard input (one line).")
  public static final class Passwd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "USER")
    String user;

    @Override
    public Integer call() throws IOException {
      Nsbed nsbed = root(spec);
      String password = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      if (password == null) {
        throw new UserError("no password on standard input");
      }
      asManagerOf(nsbed, user, credentials -> {
        credentials.setPassword(user, password);
        return null;
      });
      if (!nsbed.quiet()) {
        System.out.println("password of " + user + " set");
      }
      return Nsbed.EXIT_OK;
    }
  }

  /** {@code nsbed user token create|revoke|list}. */
  @Command(name = "token", mixinStandardHelpOptions = true, description = "API tokens.",
      subcommands = {Token.Create.class, Token.Revoke.class, Token.ListTokens.class, CommandLine.HelpCommand.class})
  public static final class Token implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      spec.commandLine().usage(System.out);
    }

    /** {@code nsbed user token create USER [--label TEXT]}. */
    @Command(name = "create", mixinStandardHelpOptions = true,
        description = "Create an API token for USER and print it (the only time it is shown; only its hash is kept).")
    public static final class Create implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Parameters(index = "0", paramLabel = "USER")
      String user;

      @Option(names = "--label", defaultValue = "", description = "What the token is for.")
      String label;

      @Override
      public Integer call() throws Exception {
        Nsbed nsbed = root(spec);
        Credentials.NewToken token = asManagerOf(nsbed, user, credentials -> credentials.createToken(user, label));
        if (nsbed.json()) {
          System.out.println(ExperimentJson.MAPPER.createObjectNode().put("id", token.id()).put("user", token.user())
              .put("token", token.token()).toString());
        } else {
          System.out.println(token.token());
          if (!nsbed.quiet()) {
            System.err.println("token " + token.id() + " of " + user + " created; revoke it with `nsbed user token "
                + "revoke " + token.id() + "`");
          }
        }
        return Nsbed.EXIT_OK;
      }
    }

    /** {@code nsbed user token revoke ID}. */
    @Command(name = "revoke", mixinStandardHelpOptions = true, description = "Revoke an API token.")
    public static final class Revoke implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Parameters(index = "0", paramLabel = "ID")
      long id;

      @Override
      public Integer call() {
        Nsbed nsbed = root(spec);
        String owner = HomeDatabase.withDatabase(nsbed, db -> new Credentials(db).tokens(null).stream()
            .filter(t -> t.id() == id).map(Credentials.TokenInfo::user).findFirst()
            .orElseThrow(() -> new UserError("no API token with id " + id)));
        asManagerOf(nsbed, owner, credentials -> credentials.revoke(id));
        if (!nsbed.quiet()) {
          System.out.println("token " + id + " of " + owner + " revoked");
        }
        return Nsbed.EXIT_OK;
      }
    }

    /** {@code nsbed user token list [USER]}. */
    @Command(name = "list", mixinStandardHelpOptions = true, description = "List API tokens (never the tokens themselves).")
    public static final class ListTokens implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Parameters(index = "0", arity = "0..1", paramLabel = "USER")
      String user;

      @Override
      public Integer call() throws Exception {
        Nsbed nsbed = root(spec);
        List<Credentials.TokenInfo> tokens = asManagerOf(nsbed, user, credentials -> credentials.tokens(user));
        if (nsbed.json()) {
          System.out.println(ExperimentJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(tokens));
          return Nsbed.EXIT_OK;
        }
        for (Credentials.TokenInfo t : tokens) {
          System.out.printf("%-5d %-16s %-8s %s  %s%n", t.id(), t.user(), t.revoked() ? "revoked" : "active",
              t.created(), t.label());
        }
        return Nsbed.EXIT_OK;
      }
    }
  }
}
