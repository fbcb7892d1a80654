/**
 * Turns the Worker's QR SVG (worker/src/qr-svg.ts: a white field and one
 * path of unit squares) back into pixels, so that a real decoder (jsQR) can
 * read it as a phone's camera would read the printed code.
 */

const PIXELS_PER_MODULE = 6;

export interface Raster {
  readonly data: Uint8ClampedArray;
  readonly width: number;
  readonly height: number;
}

export function rasterize(svg: string): Raster {
  const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1]);
  const path = /<path d="([^"]*)"/.exec(svg)?.[1];
  if (!Number.isInteger(size) || path === undefined) throw new Error('not a QR SVG of ours');
  const width = size * PIXELS_PER_MODULE;
  const data = new Uint8ClampedArray(width * width * 4).fill(255);
  for (const [, x, y] of path.matchAll(/M(\d+) (\d+)h1v1h-1z/g)) {
    for (let dy = 0; dy < PIXELS_PER_MODULE; dy++) {
      for (let dx = 0; dx < PIXELS_PER_MODULE; dx++) {
        const offset = ((Number(y) * PIXELS_PER_MODULE + dy) * width + Number(x) * PIXELS_PER_MODULE + dx) * 4;
        data.fill(0, offset, offset + 3);
      }
    }
  }
  return { data, width, height: width };
}
