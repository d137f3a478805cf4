import io.cascade4j.miner.validator.Augmentation;
import io.cascade4j.miner.validator.ChallengeSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Random;

/**
 * Writes N January 2026 challenges as a labelled folder, made as the local validator makes them in January mode
 * (a label drawn, a picture of it, an augmentation level L0-L3 drawn, the validators' augmentation, JPEG q75), so
 * that {@code cascade4j eval} can run them offline; the level is each image's source.
 *
 * <p>{@code java -cp 'LIB/*' MakeJanuary.java SCENES OUT N SEED}
 */
public class MakeJanuary {
  public static void main(String[] args) throws Exception {
    ChallengeSource source = ChallengeSource.folder(Path.of(args[0]));
    Path out = Files.createDirectories(Path.of(args[1]));
    int count = Integer.parseInt(args[2]);
    Random random = new Random(Long.parseLong(args[3]));
    StringBuilder labels = new StringBuilder("file,label,source\n");
    for (int i = 0; i < count; i++) {
      int label = random.nextInt(2);
      ChallengeSource.Picture picture = source.next(label, random);
      int level = random.nextInt(4);
      String name = String.format("j%04d.jpg", i);
      Files.write(out.resolve(name),
          Augmentation.jpeg(Augmentation.apply(picture.image(), level, random, new ArrayList<>())));
      labels.append(name).append(',').append(label).append(",L").append(level).append('\n');
    }
    Files.writeString(out.resolve("labels.csv"), labels);
  }
}
