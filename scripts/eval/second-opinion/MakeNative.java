import io.cascade4j.miner.validator.Augmentation;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * Writes folders of generated scenes ({@code cascade4j scenes}) as one labelled folder of JPEG q75 files, as the
 * local validator sends them in 2026 mode (native size, no augmentation); the size is each image's source.
 *
 * <p>{@code java -cp 'LIB/*' MakeNative.java OUT SCENES...}
 */
public class MakeNative {
  public static void main(String[] args) throws Exception {
    Path out = Files.createDirectories(Path.of(args[0]));
    StringBuilder labels = new StringBuilder("file,label,source\n");
    for (int f = 1; f < args.length; f++) {
      Path scenes = Path.of(args[f]);
      List<String> lines = Files.readAllLines(scenes.resolve("labels.csv"));
      for (String line : lines.subList(1, lines.size())) {
        String[] fields = line.split(",");
        BufferedImage image = ImageIO.read(scenes.resolve(fields[0]).toFile());
        String name = scenes.getFileName() + "-" + fields[0].replace(".png", ".jpg");
        Files.write(out.resolve(name), Augmentation.jpeg(image));
        labels.append(name).append(',').append(fields[1]).append(',')
            .append(image.getWidth()).append('x').append(image.getHeight()).append('\n');
      }
    }
    Files.writeString(out.resolve("labels.csv"), labels);
  }
}
