package io.cascade4j.core.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.cascade4j.api.ConfigurationException;
import io.cascade4j.api.Problem;
import io.cascade4j.api.Settings;
import io.cascade4j.api.Suggestions;
import io.cascade4j.core.CascadeBuilder;
import io.cascade4j.core.Isolation;
import io.cascade4j.core.OperatingPoint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads cascade files, YAML or JSON, into a {@link CascadeConfig}.
 *
 * <pre>{@code
 * cascade: roadwork
 * deadline: 8s                  # default 10s
 * fallback: prior               # or 0.5, or {type: fixed, value: 0.5}, or {type: prior, initial: 0.3}
 * operating-point: 0.72         # optional: remap answers so that this cut lands on 0.5 (see OperatingPoint)
 * stages:
 *   - name: gate
 *     type: classifier          # the provider's type id; every key below that the engine does not own goes to it
 *     model: models/gate.pt
 *     timeout: 500ms            # optional, the stage's own limit
 *     isolation: thread         # or inline, for fast non-blocking stages
 *     optional: false           # true: left out with a warning when it cannot be created (no model, no data)
 *     exit: {type: band, low: 0.05, high: 0.95}    # default: never
 *   - name: detectors
 *     parallel:
 *       - {name: yolo, type: yolo, model: models/yolo.pt}
 *       - {name: detr, type: rt-detr, model: models/detr.onnx}
 *     ensemble: {type: weighted-mean, weights: {yolo: 0.45, detr: 0.55}}   # default: weighted-mean
 *     exit: agreement           # a bare type id is short for {type: agreement}
 *   - name: judge
 *     type: vlm-judge
 *     endpoint: ${VLM_URL:-http://localhost:8000}
 *     exit: always
 * }</pre>
 *
 * <p>{@code ${NAME}} and {@code ${NAME:-default}} in string values are replaced from the environment ({@code $$}
 * before a brace escapes a literal dollar and brace); substitution happens after parsing, so a value can never change
 * the document's structure. In a file, {@code ${CASCADE_DIR}} is the folder the file is in, so models can sit beside
 * it ({@code model: ${CASCADE_DIR}/gate.onnx}) whatever the working directory; references need no quotes, in block or
 * flow style. A value that then starts with {@code ~/} is a path under {@code $HOME}. Duplicate keys are rejected.
 * Every problem is reported at once, each with its key path.
 */
public final class CascadeConfigLoader {
  /** Cascade files larger than this are refused before parsing. */
  public static final long MAX_FILE_BYTES = 1 << 20;

  private static final Pattern VARIABLE = Pattern.compile("\\$\\$\\{|\\$\\{([A-Za-z_][A-Za-z0-9_.]*)(?::-([^}]*))?}");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
  /** {@code provenance} is informational (calibrated files record where their numbers come from); it is not read. */
  private static final Set<String> ROOT_KEYS =
      Set.of("cascade", "deadline", "fallback", "stages", "provenance", "operating-point", "plugins", "engine");
  private static final Set<String> STAGE_KEYS =
      Set.of("name", "type", "timeout", "isolation", "exit", "calibration", "optional");
  private static final Set<String> GROUP_KEYS = Set.of("name", "parallel", "ensemble", "exit", "timeout");

  private final Function<String, @Nullable String> environment;

  /** A loader that substitutes from the process environment. */
  public CascadeConfigLoader() {
    this(System::getenv);
  }

  /** A loader that substitutes from {@code environment} (name to value, null when unset). */
  public CascadeConfigLoader(Function<String, @Nullable String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /** The two formats; JSON is chosen by a {@code .json} file name, YAML otherwise. */
  public enum Format {
    YAML,
    JSON;

    /** The format a file name implies. */
    public static Format of(Path file) {
      return file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".json") ? JSON : YAML;
    }
  }

  /**
   * What {@link #parseLeniently} found: the configuration of the well-formed steps (null if none), and every problem.
   *
   * @param config the well-formed part, or null
   * @param problems every problem found
   */
  public record Parsed(@Nullable CascadeConfig config, List<Problem> problems) {
    /** Copies the problems. */
    public Parsed {
      problems = List.copyOf(problems);
    }
  }

  /**
   * Reads a cascade file; the cascade's name defaults to the file's name without extension.
   *
   * @throws IOException if the file cannot be read
   * @throws ConfigurationException listing every problem, with key paths
   */
  public CascadeConfig load(Path file) throws IOException, ConfigurationException {
    return orThrow(parseLeniently(file));
  }

  /**
   * Parses a cascade document.
   *
   * @param defaultName the cascade's name if the document has no {@code cascade:} key
   * @throws ConfigurationException listing every problem, with key paths
   */
  public CascadeConfig parse(String text, Format format, String defaultName) throws ConfigurationException {
    return orThrow(parseLeniently(text, format, defaultName));
  }

  /** Like {@link #load(Path)}, but returns the well-formed part with the problems instead of throwing. */
  public Parsed parseLeniently(Path file) throws IOException {
    long size = Files.size(file);
    if (size > MAX_FILE_BYTES) {
      return new Parsed(
          null,
          List.of(new Problem("", file + " is " + size + " bytes; cascade files are limited to " + MAX_FILE_BYTES)));
    }
    String stem = file.getFileName().toString().replaceFirst("\\.[^.]*$", "");
    String text = Files.readString(file, StandardCharsets.UTF_8);
    String dir = file.toAbsolutePath().normalize().getParent().toString();
    return new CascadeConfigLoader(name -> name.equals("CASCADE_DIR") ? dir : environment.apply(name))
        .parseLeniently(text, Format.of(file), NAME.matcher(stem).matches() ? stem : "cascade");
  }

  /** Like {@link #parse}, but returns the well-formed part with the problems instead of throwing. */
  public Parsed parseLeniently(String text, Format format, String defaultName) {
    Object tree;
    VariablesAsWords variables = new VariablesAsWords(text);
    try {
      tree = variables.restore(mapper(format).readValue(variables.protect(text), Object.class));
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ": ";
      return new Parsed(null, List.of(new Problem("", "not valid " + format + ": " + where + e.getOriginalMessage())));
    }
    String dir = environment.apply("CASCADE_DIR");
    Reader reader = new Reader(Path.of(dir == null ? "" : dir).toAbsolutePath());
    CascadeConfig config = reader.read(substitute(tree, "", reader.problems), defaultName);
    return new Parsed(config, reader.problems);
  }

  private static CascadeConfig orThrow(Parsed parsed) throws ConfigurationException {
    if (!parsed.problems().isEmpty() || parsed.config() == null) {
      throw new ConfigurationException(
          parsed.problems().isEmpty() ? List.of(new Problem("", "no stages")) : parsed.problems());
    }
    return parsed.config();
  }

  private static ObjectMapper mapper(Format format) {
    ObjectMapper mapper = format == Format.JSON ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
    mapper.enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
    mapper.getFactory().setStreamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(64).build());
    return mapper;
  }

  // ------------------------------------------------------------------------------------ ${ENV} substitution

  private @Nullable Object substitute(@Nullable Object node, String path, List<Problem> problems) {
    if (node instanceof String text) {
      return substitute(text, path, problems);
    }
    if (node instanceof Map<?, ?> map) {
      Map<String, @Nullable Object> out = new LinkedHashMap<>();
      map.forEach((k, v) -> out.put(String.valueOf(k), substitute(v, join(path, String.valueOf(k)), problems)));
      return out;
    }
    if (node instanceof List<?> list) {
      List<@Nullable Object> out = new ArrayList<>(list.size());
      for (int i = 0; i < list.size(); i++) {
        out.add(substitute(list.get(i), path + "[" + i + "]", problems));
      }
      return out;
    }
    return node;
  }

  private String substitute(String text, String path, List<Problem> problems) {
    return expandHome(text.indexOf('$') < 0 ? text : substituteVariables(text, path, problems));
  }

  /**
   * A value that starts with {@code ~/} (after substitution, so {@code ${MODEL:-~/models/m.onnx}} works) is a path
   * under the home folder: models installed per user, such as the default cascade's photo backbone, can be named
   * without knowing the user.
   */
  private String expandHome(String value) {
    if (!value.startsWith("~/")) {
      return value;
    }
    String home = environment.apply("HOME");
    return (home == null || home.isEmpty() ? System.getProperty("user.home") : home) + value.substring(1);
  }

  private String substituteVariables(String text, String path, List<Problem> problems) {
    Matcher m = VARIABLE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String replacement;
      if (m.group().equals("$${")) {
        replacement = "${";
      } else {
        String value = environment.apply(m.group(1));
        if (value == null) {
          value = m.group(2);
        }
        if (value == null) {
          problems.add(
              new Problem(
                  path,
                  "environment variable "
                      + m.group(1)
                      + " is not set (give a default with ${"
                      + m.group(1)
                      + ":-value})"));
          value = "";
        }
        replacement = value;
      }
      m.appendReplacement(out, Matcher.quoteReplacement(replacement));
    }
    m.appendTail(out);
    return out.toString();
  }

  /**
   * YAML forbids {@code {} and {@code }} in plain scalars inside a flow collection, so {@code {model:
   * ${CASCADE_DIR}/m.onnx}} would be a parse error although the same value in block style is fine. Every reference
   * (and every {@code $${} escape) is swapped for a plain word before parsing and swapped back in the parsed values
   * and keys, so variables work in both styles; substitution still happens on parsed values, so a variable's value
   * can never change the document's structure.
   */
  private static final class VariablesAsWords {
    /** A reference or an escaped one, braces included: what must not meet YAML's flow syntax. */
    private static final Pattern REFERENCE = Pattern.compile("\\$?\\$\\{[^}\\n]*}");
    private final String prefix;
    private final Pattern word;
    private final List<String> originals = new ArrayList<>();

    VariablesAsWords(String text) {
      String candidate = "cascade4jVariable";
      while (text.contains(candidate)) {
        candidate += "X";
      }
      prefix = candidate;
      word = Pattern.compile(Pattern.quote(prefix) + "(\\d+)Z");
    }

    String protect(String text) {
      Matcher m = REFERENCE.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        originals.add(m.group());
        m.appendReplacement(out, prefix + (originals.size() - 1) + "Z");
      }
      m.appendTail(out);
      return out.toString();
    }

    @Nullable Object restore(@Nullable Object node) {
      if (originals.isEmpty()) {
        return node;
      }
      if (node instanceof String text) {
        return restore(text);
      }
      if (node instanceof Map<?, ?> map) {
        Map<String, @Nullable Object> out = new LinkedHashMap<>();
        map.forEach((k, v) -> out.put(restore(String.valueOf(k)), restore(v)));
        return out;
      }
      if (node instanceof List<?> list) {
        List<@Nullable Object> out = new ArrayList<>(list.size());
        list.forEach(item -> out.add(restore(item)));
        return out;
      }
      return node;
    }

    private String restore(String text) {
      Matcher m = word.matcher(text);
      StringBuilder out = new StringBuilder();
      while (m.find()) {
        m.appendReplacement(out, Matcher.quoteReplacement(originals.get(Integer.parseInt(m.group(1)))));
      }
      m.appendTail(out);
      return out.toString();
    }
  }

  private static String join(String path, String key) {
    return path.isEmpty() ? key : path + "." + key;
  }

  // ------------------------------------------------------------------------------------ the document

  /** Walks the substituted tree once, collecting the well-formed steps and every problem. */
  private static final class Reader {
    final List<Problem> problems = new ArrayList<>();
    private final Map<String, String> claimedNames = new HashMap<>();
    /** What relative plugin folders resolve against: the cascade file's folder, or the working directory. */
    private final Path base;

    Reader(Path base) {
      this.base = base;
    }

    @Nullable CascadeConfig read(@Nullable Object tree, String defaultName) {
      if (!(tree instanceof Map<?, ?>)) {
        problem("", "a cascade document must be a map with at least 'stages', got " + kind(tree));
        return null;
      }
      Map<String, @Nullable Object> root = asMap(tree);
      unknownKeys(root, ROOT_KEYS, "");
      String name = defaultName;
      if (root.get("cascade") != null) {
        name = name(root.get("cascade"), "cascade").orElse(defaultName);
      }
      Duration deadline = duration(root, "", "deadline").orElse(CascadeBuilder.DEFAULT_DEADLINE);
      FallbackConfig fallback = fallback(root.get("fallback"));
      List<StepConfig> steps = new ArrayList<>();
      Object stages = root.get("stages");
      if (!(stages instanceof List<?> list) || list.isEmpty()) {
        problem("stages", "a cascade needs a non-empty list of stages, got " + kind(stages));
      } else {
        for (int i = 0; i < list.size(); i++) {
          step(list.get(i), "stages[" + i + "]").ifPresent(steps::add);
        }
      }
      OperatingPoint operatingPoint = null;
      if (root.get("operating-point") != null) {
        Settings one = Settings.of("", Collections.singletonMap("operating-point", root.get("operating-point")));
        double cut = one.doubleValue("operating-point", 0.5);
        if (one.problems().isEmpty() && !(cut > 0 && cut < 1)) {
          one.problem("operating-point", "must be strictly between 0 and 1, got " + cut);
        }
        problems.addAll(one.problems());
        operatingPoint = one.problems().isEmpty() ? new OperatingPoint(cut) : null;
      }
      List<Path> plugins = plugins(root.get("plugins"));
      Map<String, @Nullable Object> engine = Map.of();
      if (root.get("engine") instanceof Map<?, ?>) {
        engine = asMap(root.get("engine"));
      } else if (root.get("engine") != null) {
        problem("engine", "must be a map of engine sections, such as pytorch: {...}, got " + kind(root.get("engine")));
      }
      return steps.isEmpty() ? null
          : new CascadeConfig(name, deadline, fallback, steps, operatingPoint, plugins, engine);
    }

    /** {@code plugins: FOLDER} or a list of folders, relative to the cascade file; each must exist. */
    private List<Path> plugins(@Nullable Object value) {
      if (value == null) {
        return List.of();
      }
      List<?> entries = value instanceof List<?> list ? list : List.of(value);
      List<Path> folders = new ArrayList<>();
      for (int i = 0; i < entries.size(); i++) {
        String key = value instanceof List<?> ? "plugins[" + i + "]" : "plugins";
        if (!(entries.get(i) instanceof String text) || text.isBlank()) {
          problem(key, "must be a folder of plugin jars, got " + kind(entries.get(i)));
          continue;
        }
        Path folder = base.resolve(text).normalize();
        if (!Files.isDirectory(folder)) {
          problem(key, "no folder " + folder + " (a folder of plugin jars, relative to the cascade file)");
          continue;
        }
        folders.add(folder);
      }
      return folders;
    }

    private FallbackConfig fallback(@Nullable Object value) {
      FallbackConfig fallbackDefault = FallbackConfig.prior(0.5);
      if (value == null) {
        return fallbackDefault;
      }
      if (value instanceof Number || (value instanceof String s && !s.equals("prior") && !s.equals("fixed"))) {
        Settings one = Settings.of("", Collections.singletonMap("fallback", value));
        double p = one.doubleValue("fallback", 0.5, 0.0, 1.0);
        problems.addAll(one.problems());
        return one.problems().isEmpty() ? FallbackConfig.fixed(p) : fallbackDefault;
      }
      if (value.equals("prior")) {
        return fallbackDefault;
      }
      Map<String, @Nullable Object> map = value instanceof Map<?, ?> ? asMap(value) : Map.of("type", "fixed");
      Settings settings = Settings.of("fallback", map);
      String type = settings.string("type");
      FallbackConfig result = fallbackDefault;
      if (type.equals("prior")) {
        result = FallbackConfig.prior(settings.doubleValue("initial", 0.5, 0.0, 1.0));
      } else if (type.equals("fixed")) {
        result = FallbackConfig.fixed(settings.doubleValue("value", 0.5, 0.0, 1.0));
        if (!settings.has("value")) {
          settings.problem("value", "is required for a fixed fallback");
        }
      } else if (!type.isEmpty()) {
        settings.problem("type", "must be prior or fixed, got '" + type + "'");
      }
      try {
        settings.validate();
      } catch (io.cascade4j.api.ConfigurationException e) {
        problems.addAll(e.problems());
        return fallbackDefault;
      }
      return result;
    }

    private Optional<StepConfig> step(@Nullable Object entry, String path) {
      if (!(entry instanceof Map<?, ?>)) {
        problem(path, "each stage must be a map with 'name' and 'type' (or 'parallel'), got " + kind(entry));
        return Optional.empty();
      }
      Map<String, @Nullable Object> map = asMap(entry);
      return map.containsKey("parallel") ? group(map, path) : single(map, path);
    }

    private Optional<StepConfig> single(Map<String, @Nullable Object> map, String path) {
      Optional<StageConfig> stage = stage(map, path, true);
      Optional<ComponentConfig> exit = component(map.get("exit"), join(path, "exit"), "never");
      return stage.isPresent() && exit.isPresent()
          ? Optional.of(new StepConfig.Single(stage.get(), exit.get()))
          : Optional.empty();
    }

    private Optional<StepConfig> group(Map<String, @Nullable Object> map, String path) {
      unknownKeys(map, GROUP_KEYS, path);
      Optional<String> name = required(map, path, "name").flatMap(n -> name(n, join(path, "name")));
      name.ifPresent(n -> claim(n, join(path, "name")));
      Optional<Duration> timeout = duration(map, path, "timeout");
      Optional<ComponentConfig> ensemble = component(map.get("ensemble"), join(path, "ensemble"), "weighted-mean");
      Optional<ComponentConfig> exit = component(map.get("exit"), join(path, "exit"), "never");
      List<StageConfig> members = new ArrayList<>();
      boolean membersOk = true;
      Object parallel = map.get("parallel");
      if (!(parallel instanceof List<?> list) || list.isEmpty()) {
        problem(join(path, "parallel"), "must be a non-empty list of stages, got " + kind(parallel));
        membersOk = false;
      } else {
        for (int i = 0; i < list.size(); i++) {
          String memberPath = join(path, "parallel") + "[" + i + "]";
          Object member = list.get(i);
          if (!(member instanceof Map<?, ?>)) {
            problem(memberPath, "each member must be a map with 'name' and 'type', got " + kind(member));
            membersOk = false;
            continue;
          }
          Optional<StageConfig> stage = stage(asMap(member), memberPath, false);
          stage.ifPresent(members::add);
          membersOk &= stage.isPresent();
        }
      }
      if (name.isEmpty() || ensemble.isEmpty() || exit.isEmpty() || !membersOk) {
        return Optional.empty();
      }
      return Optional.of(
          new StepConfig.Group(name.get(), members, ensemble.get(), exit.get(), timeout.orElse(null)));
    }

    private Optional<StageConfig> stage(Map<String, @Nullable Object> map, String path, boolean mayExit) {
      if (!mayExit && map.containsKey("exit")) {
        problem(join(path, "exit"), "members of a parallel group have no exit of their own; put it on the group");
      }
      boolean ok = !(!mayExit && map.containsKey("exit"));
      Optional<String> name = required(map, path, "name").flatMap(n -> name(n, join(path, "name")));
      name.ifPresent(n -> claim(n, join(path, "name")));
      Optional<String> type = required(map, path, "type").flatMap(t -> scalar(t, join(path, "type")));
      Optional<Duration> timeout = duration(map, path, "timeout");
      Isolation isolation = Isolation.THREAD;
      Object isolationValue = map.get("isolation");
      if (isolationValue != null) {
        String text = String.valueOf(isolationValue).toUpperCase(Locale.ROOT);
        if (text.equals("THREAD") || text.equals("INLINE")) {
          isolation = Isolation.valueOf(text);
        } else {
          problem(join(path, "isolation"), "must be thread or inline, got '" + isolationValue + "'");
          ok = false;
        }
      }
      boolean optional = false;
      Object optionalValue = map.get("optional");
      if (optionalValue != null) {
        if (!mayExit) {
          problem(join(path, "optional"), "members of a parallel group cannot be optional; make the group's"
              + " ensemble tolerate a failing member instead");
          ok = false;
        } else if (optionalValue instanceof Boolean b) {
          optional = b;
        } else {
          problem(join(path, "optional"), "must be true or false, got '" + optionalValue + "'");
          ok = false;
        }
      }
      Map<String, @Nullable Object> settings = new LinkedHashMap<>(map);
      settings.keySet().removeAll(STAGE_KEYS);
      if (name.isEmpty() || type.isEmpty() || !ok || problemAt(join(path, "timeout"))) {
        return Optional.empty();
      }
      return Optional.of(
          new StageConfig(name.get(), new ComponentConfig(type.get(), settings), timeout.orElse(null), isolation,
              map.get("calibration") == null ? null
                  : component(map.get("calibration"), join(path, "calibration"), "platt").orElse(null), optional));
    }

    /** An exit policy or ensemble: a bare type id, or a map with {@code type} and settings. */
    private Optional<ComponentConfig> component(@Nullable Object value, String path, String defaultType) {
      if (value == null) {
        return Optional.of(ComponentConfig.of(defaultType));
      }
      if (value instanceof String type) {
        return type.isBlank() ? Optional.of(ComponentConfig.of(defaultType)) : Optional.of(ComponentConfig.of(type));
      }
      if (!(value instanceof Map<?, ?>)) {
        problem(path, "must be a type id or a map with 'type', got " + kind(value));
        return Optional.empty();
      }
      Map<String, @Nullable Object> settings = new LinkedHashMap<>(asMap(value));
      Object type = settings.remove("type");
      if (type == null) {
        problem(join(path, "type"), "is required");
        return Optional.empty();
      }
      return scalar(type, join(path, "type")).map(t -> new ComponentConfig(t, settings));
    }

    private Optional<Object> required(Map<String, @Nullable Object> map, String path, String key) {
      Object value = map.get(key);
      if (value == null) {
        problem(join(path, key), "is required");
      }
      return Optional.ofNullable(value);
    }

    private Optional<String> scalar(Object value, String path) {
      if (value instanceof Map<?, ?> || value instanceof List<?>) {
        problem(path, "must be a single value, got " + kind(value));
        return Optional.empty();
      }
      return Optional.of(value.toString());
    }

    private Optional<String> name(@Nullable Object value, String path) {
      Optional<String> name = value == null ? Optional.empty() : scalar(value, path);
      if (name.isPresent() && !NAME.matcher(name.get()).matches()) {
        problem(path, "must be 1 to 64 letters, digits, '_', '.' or '-', got '" + name.get() + "'");
        return Optional.empty();
      }
      return name;
    }

    private void claim(String name, String path) {
      String first = claimedNames.putIfAbsent(name, path);
      if (first != null) {
        problem(path, "'" + name + "' is already the name at " + first + "; names must be unique");
      }
    }

    private Optional<Duration> duration(Map<String, @Nullable Object> map, String path, String key) {
      if (map.get(key) == null) {
        return Optional.empty();
      }
      Settings one = Settings.of(path, Collections.singletonMap(key, map.get(key)));
      Optional<Duration> duration = one.optionalDuration(key);
      problems.addAll(one.problems());
      return duration;
    }

    private void unknownKeys(Map<String, @Nullable Object> map, Set<String> known, String path) {
      for (String key : map.keySet()) {
        if (!known.contains(key)) {
          problem(
              join(path, key),
              "unknown key"
                  + Suggestions.closest(key, known).map(s -> " (did you mean '" + s + "'?)").orElse("")
                  + "; known: "
                  + String.join(", ", known.stream().sorted().toList()));
        }
      }
    }

    private boolean problemAt(String path) {
      return problems.stream().anyMatch(p -> p.path().equals(path));
    }

    private void problem(String path, String message) {
      problems.add(new Problem(path, message));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, @Nullable Object> asMap(Object value) {
      return (Map<String, @Nullable Object>) value;
    }

    private static String kind(@Nullable Object value) {
      if (value == null) {
        return "nothing";
      }
      if (value instanceof Map<?, ?>) {
        return "a map";
      }
      if (value instanceof List<?>) {
        return "a list";
      }
      return "'" + value + "'";
    }
  }
}
