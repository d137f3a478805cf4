package io.cascade4j.cli;

import io.cascade4j.api.ConfigurationException;
import io.cascade4j.core.PluginFolders;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/**
 * {@code cascade4j}: every job of the project behind one command.
 *
 * <p>Exit status: 0 when the job did what was asked, 1 when it ran and failed (every challenge missed, a benchmark
 * past its goal, an unreadable model), 2 for usage problems (unknown options, bad values, missing or invalid files).
 * Relative paths are relative to the directory the command was started in. {@code --plugins DIR} adds the jars of a
 * folder to the providers every job discovers; {@code --log-level} sets the level of the log lines on standard error.
 */
@Command(
    name = "cascade4j",
    mixinStandardHelpOptions = true,
    versionProvider = BuildVersion.class,
    sortOptions = false,
    usageHelpAutoWidth = true,
    description = "Early-exit model cascades on the JVM: run, evaluate, calibrate and serve them.",
    subcommands = {
      DemoCommand.class,
      EvalCommand.class,
      CalibrateCommand.class,
      TrainHeadCommand.class,
      TrainGateCommand.class,
      FitRuleCommand.class,
      ScenesCommand.class,
      ValidateCommand.class,
      BenchCommand.class,
      MinerCommand.class,
      CommandLine.HelpCommand.class
    },
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {"0:done", "1:ran and failed", "2:usage: bad options, values or files"})
public final class CascadeCli implements Runnable {
  /** The job ran and failed. */
  static final int FAILED = 1;
  /** The command line or a file it names is wrong. */
  static final int USAGE = 2;

  @Spec CommandSpec spec;

  @Option(names = "--log-level", scope = ScopeType.INHERIT, paramLabel = "LEVEL",
      description = "error, warn, info (default), debug or trace.")
  @Nullable LogLevel logLevel;

  @Option(names = "--plugins", scope = ScopeType.INHERIT, paramLabel = "DIR",
      description = "A folder whose jars add stage, exit policy and ensemble providers (repeatable).")
  List<Path> plugins = new ArrayList<>();

  /** The levels {@code --log-level} takes. */
  enum LogLevel { ERROR, WARN, INFO, DEBUG, TRACE }

  /** Runs the command line and exits with its status. */
  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs the command line and returns its exit status. */
  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new CascadeCli());
    cli.setCaseInsensitiveEnumValuesAllowed(true);
    cli.setExecutionStrategy(CascadeCli::execute);
    cli.setExecutionExceptionHandler(CascadeCli::failure);
    return cli;
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * Applies the options every command inherits, then runs the chosen command with the plugin jars visible to
   * discovery (the thread's context class loader, which the provider registry reads).
   */
  private static int execute(ParseResult parseResult) {
    List<Path> plugins = new ArrayList<>();
    LogLevel level = null;
    for (ParseResult p = parseResult; p != null; p = p.subcommand()) {
      plugins.addAll(p.matchedOptionValue("--plugins", List.<Path>of()));
      level = p.matchedOptionValue("--log-level", level);
    }
    if (level != null) {
      // Read by slf4j-simple when the first logger is made, which is after parsing.
      System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", level.name().toLowerCase(Locale.ROOT));
    }
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    try {
      ClassLoader parent = previous != null ? previous : CascadeCli.class.getClassLoader();
      thread.setContextClassLoader(PluginFolders.classLoader(plugins, parent));
    } catch (IOException e) {
      PrintWriter err = parseResult.commandSpec().commandLine().getErr();
      err.println("--plugins: " + describe(e));
      return USAGE;
    }
    try {
      return new CommandLine.RunLast().execute(parseResult);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  /** A job that threw: configuration and missing files are usage problems, anything else a failure. */
  private static int failure(Exception e, CommandLine command, ParseResult parseResult) {
    PrintWriter err = command.getErr();
    if (e instanceof ConfigurationException problems) {
      err.println("The configuration has problems:\n" + problems.getMessage());
      return USAGE;
    }
    if (e instanceof UsageException || e instanceof NoSuchFileException) {
      err.println(describe(e));
      return USAGE;
    }
    err.println(command.getCommandName() + " failed: " + describe(e));
    if (org.slf4j.LoggerFactory.getLogger(CascadeCli.class).isDebugEnabled()) {
      e.printStackTrace(err);
    } else {
      err.println("(--log-level debug prints the stack trace)");
    }
    return FAILED;
  }

  static String describe(Exception e) {
    if (e instanceof NoSuchFileException missing) {
      return "no such file or folder: " + missing.getFile()
          + (missing.getReason() == null ? "" : " (" + missing.getReason() + ")");
    }
    return e.getMessage() == null ? e.toString() : e.getMessage();
  }

  /** {@code folder} when it is a folder; otherwise a usage problem naming {@code what} it should hold. */
  static Path folder(Path folder, String what) throws UsageException {
    if (!java.nio.file.Files.isDirectory(folder)) {
      throw new UsageException("no folder " + folder.toAbsolutePath().normalize() + " (" + what + ")");
    }
    return folder;
  }

  /** {@code file} when it is a readable file; otherwise a usage problem naming {@code what} it should be. */
  static Path file(Path file, String what) throws UsageException {
    if (!java.nio.file.Files.isRegularFile(file)) {
      throw new UsageException("no file " + file.toAbsolutePath().normalize() + " (" + what + ")");
    }
    return file;
  }

  /** A problem with what the user asked for, found after parsing: exit status 2 with the message alone. */
  static final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
      super(message);
    }
  }
}
