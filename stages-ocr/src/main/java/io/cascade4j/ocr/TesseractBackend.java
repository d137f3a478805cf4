package io.cascade4j.ocr;

import static org.bytedeco.tesseract.global.tesseract.PSM_SPARSE_TEXT;

import io.cascade4j.vision.image.RgbImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.tesseract.TessBaseAPI;

/**
 * Tesseract 5 through bytedeco's presets (the native library ships in the jar; the language data comes from the
 * system, e.g. Debian's {@code tesseract-ocr-eng}). A {@code TessBaseAPI} is not thread-safe, so a fixed pool of
 * engines is shared: each read borrows one. Sparse-text page segmentation, which suits signs in scenes.
 */
public final class TesseractBackend implements OcrBackend {
  /** Where distributions put the data, newest first. */
  static final List<Path> STANDARD_TESSDATA = List.of(Path.of("/usr/share/tesseract-ocr/5/tessdata"),
      Path.of("/usr/share/tesseract-ocr/4.00/tessdata"), Path.of("/usr/share/tessdata"),
      Path.of("/usr/local/share/tessdata"), Path.of("/opt/homebrew/share/tessdata"));

  private final BlockingQueue<TessBaseAPI> idle;
  private final List<TessBaseAPI> all = new ArrayList<>();
  private final AtomicBoolean closed = new AtomicBoolean();

  /**
   * Starts {@code engines} engines on {@code tessdata} for {@code language} ({@code eng}, {@code eng+deu}, ...).
   *
   * @throws IllegalArgumentException if an engine cannot start (missing or unreadable data)
   */
  public TesseractBackend(Path tessdata, String language, int engines) {
    idle = new ArrayBlockingQueue<>(engines);
    for (int i = 0; i < engines; i++) {
      TessBaseAPI api = new TessBaseAPI();
      if (api.Init(tessdata.toString(), language) != 0) {
        api.close();
        close();
        throw new IllegalArgumentException("Tesseract cannot load language '" + language + "' from " + tessdata);
      }
      api.SetPageSegMode(PSM_SPARSE_TEXT);
      api.SetVariable("debug_file", "/dev/null"); // Tesseract's diagnostics ("Estimating resolution as ...")
      all.add(api);
      idle.add(api);
    }
  }

  /** The first folder holding {@code <language>.traineddata} for every language of {@code language}, if any. */
  static java.util.Optional<Path> findTessdata(List<Path> candidates, String language) {
    return candidates.stream().filter(dir -> java.util.Arrays.stream(language.split("\\+"))
        .allMatch(l -> Files.isRegularFile(dir.resolve(l + ".traineddata")))).findFirst();
  }

  @Override
  public String read(RgbImage image) throws InterruptedException {
    if (closed.get()) {
      throw new IllegalStateException("the Tesseract backend is closed");
    }
    TessBaseAPI api = idle.take();
    try (BytePointer pixels = new BytePointer(image.sharedPixels())) {
      api.SetImage(pixels, image.width(), image.height(), 3, image.width() * 3);
      BytePointer text = api.GetUTF8Text();
      try {
        return text == null ? "" : text.getString(java.nio.charset.StandardCharsets.UTF_8).strip();
      } finally {
        if (text != null) {
          text.deallocate();
        }
        api.Clear();
      }
    } finally {
      idle.add(api);
    }
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      for (TessBaseAPI api : all) {
        api.End();
        api.close();
      }
    }
  }
}
