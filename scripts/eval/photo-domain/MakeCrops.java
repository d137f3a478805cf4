import io.cascade4j.core.evaluation.LabelledImages;
import io.cascade4j.miner.validator.Augmentation;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Random;
import javax.imageio.ImageIO;

/**
 * Writes COPIES January 2026 challenges of every image of a labelled folder, each made as the local validator makes
 * them in January mode (an augmentation level L0-L3 drawn, the validators' augmentation, JPEG q75), with the image's
 * label; the level is each copy's source. MakeJanuary.java draws labels and needs both; this keeps every image.
 *
 * <p>{@code java -cp 'LIB/*' MakeCrops.java FOLDER OUT COPIES SEED}
 */
public class MakeCrops {
  public static void main(String[] args) throws Exception {
    Path out = Files.createDirectories(Path.of(args[1]));
    int copies = Integer.parseInt(args[2]);
    Random random = new Random(Long.parseLong(args[3]));
    StringBuilder labels = new StringBuilder("file,label,source\n");
    int n = 0;
    for (LabelledImages.Item item : LabelledImages.read(Path.of(args[0]))) {
      BufferedImage image = ImageIO.read(new ByteArrayInputStream(item.image().toByteArray()));
      if (image == null) {
        throw new IllegalArgumentException(item.name() + " cannot be decoded");
      }
      for (int c = 0; c < copies; c++) {
        int level = random.nextInt(4);
        String name = String.format("c%04d.jpg", n++);
        Files.write(out.resolve(name), Augmentation.jpeg(Augmentation.apply(image, level, random, new ArrayList<>())));
        labels.append(name).append(',').append(item.label()).append(",L").append(level).append('\n');
      }
    }
    Files.writeString(out.resolve("labels.csv"), labels);
  }
}
