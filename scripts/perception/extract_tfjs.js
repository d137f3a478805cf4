// Writes the TensorFlow.js layers models that nsfwjs@4.4.0 bundles as JavaScript modules (dist/models/NAME/*.min.js,
// topology as an object, weight shards as base64 strings) back into the tfjs format: model.json + weights.bin.
//   node extract_tfjs.js PACKAGE_DIR OUT_DIR NAME...
const fs = require('fs');
const path = require('path');
const [pkg, out, ...names] = process.argv.slice(2);
for (const name of names) {
  const dir = path.resolve(pkg, 'dist/models', name);
  const model = require(path.join(dir, 'model.min.js'));
  const shards = fs.readdirSync(dir).filter((f) => f.startsWith('group1-shard')).sort();
  const weights = Buffer.concat(shards.map((f) => Buffer.from(require(path.join(dir, f)), 'base64')));
  fs.mkdirSync(path.join(out, name), { recursive: true });
  fs.writeFileSync(path.join(out, name, 'model.json'), JSON.stringify(model));
  fs.writeFileSync(path.join(out, name, 'weights.bin'), weights);
}
