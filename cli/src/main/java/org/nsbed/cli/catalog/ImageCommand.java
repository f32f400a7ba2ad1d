package org.nsbed.cli.catalog;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.nsbed.cli.Nsbed;
import org.nsbed.cli.HomeDatabase;
import org.nsbed.cli.UserError;
import org.nsbed.cli.node.ImageCapture;
import org.nsbed.provisioner.catalog.ImageDescriptors;
import org.nsbed.provisioner.catalog.ImageDescriptors.ImageView;
import org.nsbed.provisioner.catalog.ImageFormException;
import org.nsbed.provisioner.catalog.NewImage;
import org.nsbed.provisioner.experiment.lifecycle.Operation;
import org.nsbed.provisioner.persistence.Database;
import org.nsbed.provisioner.recipe.ImageRecipes;
import org.nsbed.cli.client.ApiClient;
import org.nsbed.server.json.CatalogJson;
import org.nsbed.server.json.ExperimentJson;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code nsbed image list|show|create|delete|build}: Image ID descriptors and image recipes. */
@Command(name = "image", mixinStandardHelpOptions = true,
    description = "Image ID descriptors: list, show, create (the New Image Descriptor form), delete; build an "
        + "image file from a recipe.",
    subcommands = {ImageCommand.ListImages.class, ImageCommand.ShowImage.class, ImageCommand.CreateImage.class,
        ImageCommand.DeleteImage.class, ImageCommand.BuildImage.class, CommandLine.HelpCommand.class})
public final class ImageCommand implements Runnable {

  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(System.out);
  }

  static Nsbed root(CommandSpec spec) {
    return (Nsbed) spec.root().userObject();
  }

  /** Runs a request against the image descriptors, turning form errors into user errors. */
  static <T> T descriptors(Nsbed nsbed, java.util.function.Function<ImageDescriptors, T> request) {
    try (Database db = HomeDatabase.openDatabase(nsbed)) {
      return request.apply(new ImageDescriptors(db, nsbed.home()));
    } catch (ImageFormException e) {
      throw new UserError(e.getMessage());
    }
  }

  /** The shape of {@code image list --json} (docs/interfaces.md, "Other JSON output"), plus details. */
  static Map<String, Object> json(ImageView v) {
    return CatalogJson.image(v);
  }

  /** A JSON array of objects as the maps the catalogue commands print. */
  static List<Map<String, Object>> maps(com.fasterxml.jackson.databind.JsonNode array) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (com.fasterxml.jackson.databind.JsonNode n : array) {
      out.add(ExperimentJson.MAPPER.convertValue(n,
          new com.fasterxml.jackson.core.type.TypeReference<LinkedHashMap<String, Object>>() { }));
    }
    return out;
  }

  @SuppressWarnings("unchecked")
  static List<String> strings(Object list) {
    return (List<String>) list;
  }

  /** {@code nsbed image list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "List the images you can see.")
  public static final class ListImages implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      Nsbed nsbed = root(spec);
      List<Map<String, Object>> images = ApiClient.of(nsbed).map(api -> maps(api.get("/api/v1/images")))
          .orElseGet(() -> descriptors(nsbed, d -> d.list(nsbed.user())).stream().map(ImageCommand::json).toList());
      if (nsbed.json()) {
        Output.json(System.out, images);
        return Nsbed.EXIT_OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("IMAGE", "PROJECT", "LOAD", "FLAGS", "NODE TYPES", "PATH"));
      for (Map<String, Object> v : images) {
        String flags = (Boolean.TRUE.equals(v.get("global")) ? "global " : "")
            + (Boolean.TRUE.equals(v.get("shared")) ? "shared " : "")
            + (Boolean.TRUE.equals(v.get("fileExists")) ? "" : "no-file");
        int load = ((Number) v.get("loadPartition")).intValue();
        rows.add(List.of((String) v.get("name"), (String) v.get("project"), load == 0 ? "disk" : "part " + load,
            Output.orDash(flags.trim()), String.join(",", strings(v.get("nodeTypes"))), (String) v.get("path")));
      }
      Output.table(System.out, rows);
      return Nsbed.EXIT_OK;
    }
  }

  /** {@code nsbed image show}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one Image ID.")
  public static final class ShowImage implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "NAME or PID/NAME.")
    String name;

    @Override
    public Integer call() {
      Nsbed nsbed = root(spec);
      ImageView v = descriptors(nsbed, d -> d.show(name, nsbed.user()));
      if (nsbed.json()) {
        Output.json(System.out, json(v));
        return Nsbed.EXIT_OK;
      }
      List<List<String>> rows = new ArrayList<>();
      rows.add(List.of("Image ID:", v.project() + "/" + v.name()));
      rows.add(List.of("Description:", Output.orDash(v.description())));
      rows.add(List.of("Path:", v.path() + (v.fileExists() ? "" : "  (file not present)")));
      rows.add(List.of("Load:", v.loadPartition() == 0 ? "whole disk" : "partition " + v.loadPartition()));
      StringBuilder parts = new StringBuilder();
      v.partitions().forEach((slot, os) -> parts.append(parts.length() == 0 ? "" : ", ").append(slot).append(": ").append(os));
      rows.add(List.of("Partitions:", parts.toString()));
      rows.add(List.of("Default OS:", Output.orDash(v.defaultOs())));
      rows.add(List.of("Node types:", String.join(", ", v.nodeTypes())));
      rows.add(List.of("Global:", v.global() ? "yes" : "no"));
      rows.add(List.of("Shared:", v.shared() ? "yes" : "no"));
      rows.add(List.of("Creator:", Output.orDash(v.creator())));
      rows.add(List.of("Created:", v.created().toString()));
      rows.add(List.of("Updated:", v.updated().toString()));
      rows.add(List.of("Size:", v.sizeBytes() == null ? "-" : v.sizeBytes() + " bytes"));
      rows.add(List.of("SHA-256:", Output.orDash(v.sha256())));
      Output.table(System.out, rows);
      return Nsbed.EXIT_OK;
    }
  }

  /** {@code nsbed image create}: the New Image Descriptor form. */
  // No standard help mixin: its -V/--version would clash with the form's OS version field.
  @Command(name = "create",
      description = "Create an Image ID and its OSID (same name), as the New Image Descriptor form does.")
  public static final class CreateImage implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Option(names = {"-p", "--project"}, required = true, paramLabel = "PID", description = "Owning project.")
    String project;

    @Option(names = "--name", required = true, description = "Descriptor name (no blanks; at most 30).")
    String name;

    @Option(names = "--description", required = true, description = "What the image is.")
    String description;

    @Option(names = "--os", required = true,
        description = "OS family: FreeBSD, Linux, Fedora, NetBSD, Windows, TinyOS, OSKit, Other, Unknown.")
    String os;

    @Option(names = "--version", required = true, description = "OS version.")
    String version;

    @Option(names = "--node-types", required = true, split = ",", paramLabel = "T1,T2",
        description = "Node types the image runs on (at least one).")
    List<String> nodeTypes;

    @Option(names = "--path", description = "Image file (default /proj/PID/images/NAME.ndz).")
    String path;

    @Option(names = "--load-partition", paramLabel = "0-4",
        description = "0 (default): whole-disk image; 1-4: image of that DOS partition.")
    Integer loadPartition;

    @Option(names = "--global", description = "Usable by all projects (admins only).")
    boolean global;

    @Option(names = "--shared", description = "Usable by all groups of the project.")
    boolean shared;

    @Option(names = "--features", split = ",", paramLabel = "F1,F2",
        description = "OS features: ping, ssh, ipod, isup, linktest (admins also veths, mlinks, linkdelays, vlans).")
    List<String> features;

    @Option(names = "--op-mode", description = "NORMALv2 (default), NORMAL, MINIMAL, ALWAYSUP.")
    String opMode;

    @Option(names = "--reboot-wait", paramLabel = "SEC", description = "Boot wait (default Linux/FreeBSD 120, Windows 240, others 60).")
    Integer rebootWait;

    @Option(names = "--max-concurrent", paramLabel = "N", description = "Most nodes that may run it at once (0: no limit).")
    Integer maxConcurrent;

    @Option(names = "--snapshot-node", paramLabel = "NODE",
        description = "Then capture this node's disk into the new image (create_image, run here until it is done). "
            + "The node must be local and reserved to an experiment of your project.")
    String snapshotNode;

    @Override
    public Integer call() {
      Nsbed nsbed = root(spec);
      NewImage form = new NewImage(project, name, description, os, version, nodeTypes, path, loadPartition, global,
          shared, features, opMode, rebootWait, maxConcurrent);
      Optional<ApiClient> api = ApiClient.of(nsbed);
      if (api.isPresent() && snapshotNode == null) {
        Map<String, Object> created = maps(ExperimentJson.MAPPER.createArrayNode().add(
            api.get().post("/api/v1/images", form))).get(0);
        if (nsbed.json()) {
          Output.json(System.out, created);
        } else if (!nsbed.quiet()) {
          int load = ((Number) created.get("loadPartition")).intValue();
          System.out.println("created Image ID " + created.get("project") + "/" + created.get("name") + " and OSID "
              + created.get("name") + " (" + (load == 0 ? "whole disk" : "partition " + load) + ", "
              + created.get("path") + ", runs on " + String.join(", ", strings(created.get("nodeTypes"))) + ")");
        }
        return Nsbed.EXIT_OK;
      }
      if (snapshotNode == null) {
        report(nsbed, descriptors(nsbed, d -> d.create(form, nsbed.user())));
        return Nsbed.EXIT_OK;
      }
      try (ImageCapture capture = ImageCapture.open(nsbed)) {
        ImageDescriptors descriptors = capture.descriptors();
        // create_image's refusals (remote node, node not in the user's experiment) come first, so
        // that a refused capture leaves no descriptor behind.
        capture.checkSource(project, snapshotNode);
        ImageView created = formChecked(() -> descriptors.create(form, nsbed.user()));
        if (!nsbed.json()) {
          report(nsbed, created);
        }
        Operation op;
        try {
          op = capture.start(project, name, snapshotNode);
        } catch (UserError refused) {
          // The node changed hands since the check: undo the descriptor rather than leave it half-made.
          descriptors.delete(project + "/" + name, nsbed.user());
          throw new UserError(refused.getMessage() + " (the new descriptor " + project + "/" + name
              + " was removed again)");
        }
        Operation done = capture.follow(op, snapshotNode, !nsbed.quiet() && !nsbed.json());
        if (nsbed.json()) {
          Map<String, Object> out = json(descriptors.show(project + "/" + name, nsbed.user()));
          out.put("snapshot", Map.of("node", snapshotNode, "state", done.state().name().toLowerCase(Locale.ROOT),
              "message", String.valueOf(done.message())));
          Output.json(System.out, out);
        }
        if (done.state() == Operation.State.DONE) {
          return Nsbed.EXIT_OK;
        }
        System.err.println("nsbed: the capture of " + snapshotNode + " failed; the Image ID " + project + "/" + name
            + " stays, without an image file (the failure was mailed to you). Try again with `nsbed create_image -w -p "
            + project + " " + name + " " + snapshotNode + "`, or remove it with `nsbed image delete " + project + "/"
            + name + "`");
        return Nsbed.EXIT_FAILED;
      }
    }

    private static ImageView formChecked(java.util.function.Supplier<ImageView> create) {
      try {
        return create.get();
      } catch (ImageFormException e) {
        throw new UserError(e.getMessage());
      }
    }

    private static void report(Nsbed nsbed, ImageView v) {
      if (nsbed.json()) {
        Output.json(System.out, json(v));
      } else if (!nsbed.quiet()) {
        System.out.println("created Image ID " + v.project() + "/" + v.name() + " and OSID " + v.name() + " ("
            + (v.loadPartition() == 0 ? "whole disk" : "partition " + v.loadPartition()) + ", " + v.path()
            + ", runs on " + String.join(", ", v.nodeTypes()) + ")");
      }
    }
  }

  /** {@code nsbed image delete}. */
  @Command(name = "delete", mixinStandardHelpOptions = true,
      description = "Delete an Image ID (and its OSID when nothing else uses it); the image file is kept.")
  public static final class DeleteImage implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "IMAGE", description = "NAME or PID/NAME.")
    String name;

    @Override
    public Integer call() {
      Nsbed nsbed = root(spec);
      String path = descriptors(nsbed, d -> d.delete(name, nsbed.user()));
      if (nsbed.json()) {
        Output.json(System.out, Map.of("deleted", name, "fileKept", path));
      } else if (!nsbed.quiet()) {
        System.out.println("deleted Image ID " + name + "; the file " + path + " was kept");
      }
      return Nsbed.EXIT_OK;
    }
  }

  /** {@code nsbed image build}: a bootable image from a recipe. */
  @Command(name = "build", mixinStandardHelpOptions = true,
      description = "Build a bootable image file from a recipe and Debian packages: tiny-linux (a distribution "
          + "kernel with a busybox root filesystem on the disk and a root shell on the serial console) or "
          + "broken-boot (a disk whose kernel panics, for tests).")
  public static final class BuildImage implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--recipe", required = true, paramLabel = "NAME", description = "tiny-linux or broken-boot.")
    String recipe;

    @Option(names = "--out", required = true, paramLabel = "FILE.ndz", description = "The image file to write.")
    java.nio.file.Path out;

    @Option(names = "--os", paramLabel = "NAME", defaultValue = "TINY-LINUX",
        description = "The OS name the node prints when it is up (default: ${DEFAULT-VALUE}).")
    String os;

    @Override
    public Integer call() throws Exception {
      Nsbed nsbed = root(spec);
      if (!ImageRecipes.NAMES.contains(recipe)) {
        throw new UserError("no image recipe '" + recipe + "' (recipes: broken-boot, tiny-linux)", Nsbed.EXIT_USAGE);
      }
      if (!out.getFileName().toString().endsWith(".ndz")) {
        throw new UserError("--out " + out + ": an image file name ends in .ndz", Nsbed.EXIT_USAGE);
      }
      org.nsbed.loader.image.ImageInfo info;
      try {
        info = ImageRecipes.build(recipe, os, out, ImageRecipes.cacheDir(nsbed.home()));
      } catch (IllegalArgumentException e) {
        throw new UserError(e.getMessage(), Nsbed.EXIT_USAGE);
      } catch (java.io.IOException e) {
        throw new UserError(e.getMessage(), Nsbed.EXIT_FAILED);
      }
      if (nsbed.json()) {
        Output.json(System.out, Map.of("recipe", recipe, "path", out.toString(), "imageBytes", info.imageSize(),
            "compressedBytes", info.compressedBytes()));
      } else if (!nsbed.quiet()) {
        System.out.println("built " + out + " from recipe " + recipe + " (" + info.compressedBytes() + " bytes, disk of "
            + (info.imageSize() >> 20) + " MiB)");
      }
      return Nsbed.EXIT_OK;
    }
  }
}
