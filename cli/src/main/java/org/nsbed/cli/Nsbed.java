package org.nsbed.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.nsbed.provisioner.experiment.lifecycle.LifecycleException;
import org.nsbed.provisioner.persistence.PersistenceFailures;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/**
 * The {@code nsbed} command: global options and the list of subcommands.
 *
 * <p>Subcommands reach the global options through {@code @ParentCommand Nsbed nsbed}.
 * Exit status (docs/interfaces.md, "Exit status"): 0 success, 1 the user's input was wrong, 2 usage
 * error, 3 the operation ran and failed (for {@code os_load}: any node failed).
 */
@Command(
    name = "nsbed",
    mixinStandardHelpOptions = true,
    version = "nsbed 0.1.0",
    description = "Testbed experiment runner: NS files in, running nodes out.")
public final class Nsbed implements Runnable {

  /** The subcommands, in the order help lists them. */
  private static final List<Class<?>> SUBCOMMANDS = List.of(
      CommandLine.HelpCommand.class,
      ParseCommand.class,
      org.nsbed.cli.catalog.ImageCommand.class,
      org.nsbed.cli.catalog.OsidCommand.class,
      org.nsbed.cli.catalog.NodeCommand.class,
      org.nsbed.cli.catalog.TestbedCommand.class,
      org.nsbed.cli.loader.ImagezipCommand.class,
      org.nsbed.cli.loader.ImageunzipCommand.class,
      org.nsbed.cli.loader.LoaderCommand.class,
      BenchCommand.class,
      org.nsbed.cli.experiment.StartexpCommand.class,
      org.nsbed.cli.experiment.SwapexpCommand.class,
      org.nsbed.cli.experiment.ModexpCommand.class,
      org.nsbed.cli.experiment.EndexpCommand.class,
      org.nsbed.cli.experiment.ExpinfoCommand.class,
      org.nsbed.cli.node.OsLoadCommand.class,
      org.nsbed.cli.node.CreateImageCommand.class,
      org.nsbed.cli.node.NodeRebootCommand.class,
      org.nsbed.cli.node.ConsoleCommand.class,
      org.nsbed.cli.experiment.SchedulerCommand.class,
      org.nsbed.cli.demo.DemoCommand.class,
      org.nsbed.cli.server.ServerCommand.class,
      org.nsbed.cli.server.UserCommand.class,
      org.nsbed.cli.agent.AgentCommand.class);

  /** Global options that take a value (to find the subcommand's name among the arguments). */
  private static final Set<String> VALUE_OPTIONS = Set.of("--home", "--testbed", "--db", "--user", "--server",
      "--token-file");

  public static final int EXIT_OK = 0;
  public static final int EXIT_USER_ERROR = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_FAILED = 3;

  @Option(names = "--home", scope = ScopeType.INHERIT, description = "nsbed's home (default $NSBED_HOME, else ~/.nsbed).")
  Path home;

  @Option(names = "--testbed", scope = ScopeType.INHERIT, description = "Testbed file (default <home>/testbed.yaml).")
  Path testbed;

  @Option(names = "--db", scope = ScopeType.INHERIT, description = "JDBC URL (default: the embedded H2 database in <home>).")
  String db;

  @Option(names = "--user", scope = ScopeType.INHERIT, description = "Who is acting (default $USER).")
  String user;

  @Option(names = "--server", scope = ScopeType.INHERIT, paramLabel = "URL",
      description = "Act through this nsbed server (default $NSBED_SERVER; a server running on the home is found by itself).")
  String server;

  @Option(names = "--token-file", scope = ScopeType.INHERIT, paramLabel = "FILE",
      description = "The server's API token is in FILE (default $NSBED_TOKEN).")
  Path tokenFile;

  @Option(names = "--json", scope = ScopeType.INHERIT, description = "Machine-readable output where the command has any.")
  boolean json;

  @Option(names = {"-q", "--quiet"}, scope = ScopeType.INHERIT, description = "Print less.")
  boolean quiet;

  @Option(names = {"-v", "--verbose"}, scope = ScopeType.INHERIT, description = "Print more, and stack traces on errors.")
  boolean verbose;

  @Override
  public void run() {
    new CommandLine(this).usage(System.out);
  }

  /** nsbed's home directory, whether or not it exists yet; nothing is created. */
  public Path homePath() {
    Path dir = home;
    if (dir == null) {
      String env = System.getenv("NSBED_HOME");
      dir = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".nsbed");
    }
    return dir.toAbsolutePath().normalize();
  }

  /** True if {@code --db} names a database server (not the embedded one in the home). */
  public boolean externalDatabase() {
    return db != null && !db.isBlank();
  }

  /** nsbed's home directory, created on first use. */
  public Path home() {
    Path dir = homePath();
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new IllegalStateException("cannot create nsbed home " + dir + ": " + e.getMessage(), e);
    }
    return dir.toAbsolutePath().normalize();
  }

  /** True if the home directory exists already (asking does not create it). */
  public boolean hasHome() {
    return Files.isDirectory(homePath());
  }

  /** The server to act through ({@code --server}, else {@code $NSBED_SERVER}), or null. */
  public String serverUrl() {
    if (server != null && !server.isBlank()) {
      return server;
    }
    String env = System.getenv("NSBED_SERVER");
    return env != null && !env.isBlank() ? env : null;
  }

  /** The {@code --token-file}, or null. */
  public Path tokenFile() {
    return tokenFile;
  }

  /** The acting user's name. */
  public String user() {
    if (user != null && !user.isBlank()) {
      return user;
    }
    String env = System.getenv("USER");
    return env != null && !env.isBlank() ? env : System.getProperty("user.name");
  }


  public boolean json() {
    return json;
  }

  public boolean verbose() {
    return verbose;
  }

  public boolean quiet() {
    return quiet;
  }

  /** Builds the command line with nsbed's error handling; tests use it too. */
  /** The command line with every subcommand (for help, and for tests that look at all of them). */
  public static CommandLine commandLine() {
    return commandLine(new String[0]);
  }

  /**
   * The command line for {@code args}: only the subcommand they name is built, since building
   * all of them is most of a short command's start-up; with none or an unknown one, all are.
   */
  public static CommandLine commandLine(String[] args) {
    CommandLine cl = new CommandLine(new Nsbed());
    String named = subcommandName(args);
    boolean known = !"help".equals(named) && SUBCOMMANDS.stream().anyMatch(c -> nameOf(c).equals(named));
    for (Class<?> c : SUBCOMMANDS) {
      if (!known || nameOf(c).equals(named)) {
        cl.addSubcommand(c);
      }
    }
    cl.setExecutionExceptionHandler((ex, commandLine, parseResult) -> {
      Nsbed root = commandLine.getCommandSpec().root().userObject() instanceof Nsbed n ? n : null;
      if (root != null && root.verbose) {
        ex.printStackTrace();
      }
      String message = ex instanceof UserError ? ex.getMessage() : PersistenceFailures.describe(ex);
      commandLine.getErr().println("nsbed: " + message);
      if (ex instanceof UserError ue) {
        return ue.exitCode();
      }
      return ex instanceof LifecycleException ? EXIT_USER_ERROR : EXIT_FAILED;
    });
    cl.setExitCodeExceptionMapper(ex -> EXIT_USAGE);
    // A usage error is one line and where to read more, not the whole help.
    cl.setParameterExceptionHandler((ex, given) -> {
      CommandLine where = ex.getCommandLine();
      where.getErr().println("nsbed: " + ex.getMessage());
      where.getErr().println("Try `" + where.getCommandSpec().qualifiedName() + " --help` for the options.");
      return EXIT_USAGE;
    });
    return cl;
  }

  private static String nameOf(Class<?> command) {
    return command.getAnnotation(Command.class).name();
  }

  /** The first argument that is neither a global option nor its value, or null. */
  private static String subcommandName(String[] args) {
    for (int i = 0; i < args.length; i++) {
      String a = args[i];
      if (!a.startsWith("-")) {
        return a;
      }
      if (VALUE_OPTIONS.contains(a)) {
        i++;
      }
    }
    return null;
  }

  public static void main(String[] args) {
    System.exit(commandLine(args).execute(args));
  }

  /** The JDBC URL given with {@code --db}, or null for the embedded database. */
  public String databaseUrl() {
    return db != null && !db.isBlank() ? db : null;
  }
}
