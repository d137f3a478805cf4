package io.cascade4j.vision.model;

import ai.djl.Device;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stage's {@code device} setting, in DJL Serving's {@code load_on_devices} syntax: {@code cpu} (the default),
 * {@code gpu} (the first GPU), {@code gpuN}, or a list {@code gpu0;gpu1} over which the stage's predictors are
 * spread. Never DJL's own default device, which silently is the first GPU when CUDA natives and {@code libcudart.so}
 * are found and the CPU otherwise.
 */
public final class DevicePlacement {
  private static final Pattern ONE = Pattern.compile("cpu|gpu(\\d{0,3})");

  /**
   * What the engine can see, for checking a setting: the number of GPUs and a description of the engine (name,
   * version, flavour) for messages.
   *
   * @param gpus GPUs the engine sees
   * @param engine the engine, for messages
   */
  public record Inventory(int gpus, String engine) {
    /** What DJL's {@code engineName} engine sees on this machine. */
    public static Inventory of(String engineName) {
      ai.djl.engine.Engine engine = ai.djl.engine.Engine.getEngine(engineName);
      boolean cuda = engine.hasCapability(ai.djl.engine.StandardCapabilities.CUDA);
      return new Inventory(engine.getGpuCount(), "DJL's " + engineName + " engine " + engine.getVersion() + " ("
          + (cuda ? "CUDA" : "CPU-only") + " natives)");
    }
  }

  private DevicePlacement() {}

  /**
   * The devices {@code setting} names.
   *
   * @throws IllegalArgumentException naming what is wrong, what the engine sees and what to set
   */
  public static List<Device> parse(String setting, Inventory inventory) {
    String text = setting.strip().toLowerCase(Locale.ROOT);
    Set<Device> devices = new LinkedHashSet<>();
    for (String part : text.split(";", -1)) {
      Matcher m = ONE.matcher(part.strip());
      if (!m.matches()) {
        throw new IllegalArgumentException("'" + setting + "' is not a device: use cpu, gpu, gpuN, or a list such as"
            + " gpu0;gpu1");
      }
      if (part.strip().equals("cpu")) {
        devices.add(Device.cpu());
        continue;
      }
      int index = m.group(1).isEmpty() ? 0 : Integer.parseInt(m.group(1));
      if (index >= inventory.gpus()) {
        throw new IllegalArgumentException(String.format(Locale.ROOT, "asks for gpu%d, but %s sees %d GPU(s); set"
            + " device: cpu, or give the engine CUDA natives (docs/gpu.md: PYTORCH_LIBRARY_PATH, PYTORCH_FLAVOR)",
            index, inventory.engine(), inventory.gpus()));
      }
      devices.add(Device.gpu(index));
    }
    if (devices.size() > 1 && devices.contains(Device.cpu())) {
      throw new IllegalArgumentException("'" + setting + "' mixes the CPU and GPUs; a stage runs on one kind");
    }
    return new ArrayList<>(devices);
  }
}
