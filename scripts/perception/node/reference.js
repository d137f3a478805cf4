// The reference for the exported photo backbone: nsfwjs itself (its InceptionV3, TensorFlow.js's pure-JS CPU backend)
// on 299x299 RGB PNGs, through its own infer(): pixels / 255, then the model. Writes, per image, the mixed7 block
// averaged over space (what photo-backbone.onnx outputs) and the five class probabilities (nsfw-classifier.onnx).
//   node reference.js OUT.json IMAGE.png...
const fs = require('fs');
const path = require('path');
const tf = require('@tensorflow/tfjs');
const nsfwjs = require('nsfwjs');
const { PNG } = require('pngjs');

async function main() {
  const [out, ...images] = process.argv.slice(2);
  await tf.setBackend('cpu');
  const model = await nsfwjs.load('InceptionV3', { size: 299 });
  const results = {};
  for (const file of images) {
    const png = PNG.sync.read(fs.readFileSync(file));
    if (png.width !== 299 || png.height !== 299) {
      throw new Error(`${file}: ${png.width}x${png.height}, expected 299x299`);
    }
    const rgb = new Int32Array(299 * 299 * 3);
    for (let i = 0; i < 299 * 299; i++) {
      for (let c = 0; c < 3; c++) rgb[3 * i + c] = png.data[4 * i + c];
    }
    const pixels = tf.tensor3d(rgb, [299, 299, 3], 'int32');
    const block = model.infer(pixels, 'mixed7');
    const embedding = block.mean([1, 2]);
    const probabilities = model.infer(pixels);
    results[path.basename(file)] = {
      embedding: Array.from(await embedding.data()),
      probabilities: Array.from(await probabilities.data()),
    };
    tf.dispose([pixels, block, embedding, probabilities]);
  }
  fs.writeFileSync(out, JSON.stringify({ reference: `nsfwjs 4.4.0 InceptionV3, @tensorflow/tfjs ${tf.version.tfjs} ${tf.getBackend()}`, images: results }));
}
main().catch((e) => { console.error(e); process.exit(1); });
