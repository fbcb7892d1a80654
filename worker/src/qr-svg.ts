/**
 * A QR code as a printable SVG. The encoding (Reed–Solomon, masking, version
 * choice) is uqr's, a small, dependency-free, well-used encoder that runs in
 * Workers; the drawing is ours: one path of unit squares on a white field
 * with the standard four-module quiet zone, so it prints sharp at any size
 * and any scanner finds its edge.
 */

import { encode } from 'uqr';

/** ISO/IEC 18004 asks for a quiet zone of four modules around the symbol. */
const QUIET_ZONE_MODULES = 4;

/** `text` as an SVG QR code, error correction M (15 %: survives a crease or a smudge on paper). */
export function qrSvg(text: string): string {
  const { data, size } = encode(text, { ecc: 'M', border: QUIET_ZONE_MODULES });
  let path = '';
  data.forEach((row, y) => {
    row.forEach((dark, x) => {
      if (dark) path += `M${x} ${y}h1v1h-1z`;
    });
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${path}" fill="#000"/></svg>`;
}
