// Decodes the QR code in a PNG file and prints its text (no trailing newline). Exit 2: no QR code found.
const { readFileSync } = require('node:fs');
const { PNG } = require('pngjs');
const jsQRModule = require('jsqr');
const jsQR = jsQRModule.default || jsQRModule;

const png = PNG.sync.read(readFileSync(process.argv[2]));
const code = jsQR(new Uint8ClampedArray(png.data), png.width, png.height);
if (!code) {
  process.stderr.write('no QR code found\n');
  process.exit(2);
}
process.stdout.write(code.data);
