/**
 * CRC-32 (IEEE 802.3), as zip and PNG use it: the checksum of checkpoints, set-up files, run
 * files and exported folders.
 */

let crcTable: Uint32Array | null = null;

/** CRC-32 (IEEE 802.3), as zip and PNG use, of the chunks one after the other. */
export function crc32(...chunks: Uint8Array[]): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (const bytes of chunks) {
    for (let i = 0; i < bytes.length; i++)
      crc = (crcTable[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}
