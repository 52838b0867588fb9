/**
 * A minimal, bounded reader of OLE compound files ([MS-CFB]) for untrusted uploads: the names of
 * the top-level entries and the first bytes of a stream, nothing more.
 *
 * Why not `cfb`'s parser: it follows sector chains and directory links without cycle checks in
 * places (get_sector_list, build_full_paths), so a 10 KB file whose FAT loops makes it allocate
 * until the process dies of heap exhaustion — not an exception we could catch. Here every chain
 * and tree walk keeps a visited set and every index is range-checked, so the work is bounded by
 * the file's size and a malformed file is an error. (`cfb` still writes the test fixtures.)
 */

export class CompoundFileError extends Error {
  override name = 'CompoundFileError';
}

export interface CompoundEntry {
  name: string;
  /** 1 storage, 2 stream, 5 root. */
  type: number;
  start: number;
  size: number;
}

export interface CompoundFile {
  /** Children of the root storage, by name. */
  topLevel: Map<string, CompoundEntry>;
  /** Up to `maxBytes` of a stream's content. */
  readStreamPrefix(entry: CompoundEntry, maxBytes: number): Buffer;
}

const SIGNATURE = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
const HEADER_DIFAT_ENTRIES = 109;
const MAX_REGULAR_SECTOR = 0xfffffffa;
const END_OF_CHAIN = 0xfffffffe;
const NO_STREAM = 0xffffffff;
const DIRECTORY_ENTRY_BYTES = 128;
const MINI_SECTOR_BYTES = 64;
const MINI_STREAM_CUTOFF = 4096;

export function readCompoundFile(bytes: Buffer): CompoundFile {
  if (bytes.length < 512 || !bytes.subarray(0, 8).equals(SIGNATURE)) throw new CompoundFileError('not a compound file');
  const sectorShift = bytes.readUInt16LE(0x1e);
  if (sectorShift !== 9 && sectorShift !== 12) throw new CompoundFileError(`unsupported sector size 2^${sectorShift}`);
  const sectorSize = 1 << sectorShift;
  const sectorCount = Math.ceil((bytes.length - sectorSize) / sectorSize);
  const sector = (id: number): Buffer => {
    if (id >= sectorCount) throw new CompoundFileError(`sector ${id} beyond the end of the file`);
    return bytes.subarray((id + 1) * sectorSize, (id + 2) * sectorSize);
  };
  const idsPerSector = sectorSize / 4;

  // FAT sector ids: 109 in the header, then the DIFAT chain (each sector's last id links onward).
  // Never more than the file has sectors to describe: a DIFAT listing one sector a million times
  // must not become a gigabyte table.
  const fatSectorsNeeded = Math.ceil(sectorCount / idsPerSector);
  const fatSectors: number[] = [];
  const addFatSector = (id: number) => {
    if (id <= MAX_REGULAR_SECTOR && fatSectors.length < fatSectorsNeeded) fatSectors.push(id);
  };
  for (let i = 0; i < HEADER_DIFAT_ENTRIES; i++) addFatSector(bytes.readUInt32LE(0x4c + i * 4));
  const seenDifat = new Set<number>();
  for (let id = bytes.readUInt32LE(0x44); id <= MAX_REGULAR_SECTOR && fatSectors.length < fatSectorsNeeded; ) {
    if (seenDifat.has(id)) throw new CompoundFileError('DIFAT chain loops');
    seenDifat.add(id);
    const s = sector(id);
    for (let i = 0; i < idsPerSector - 1; i++) addFatSector(s.readUInt32LE(i * 4));
    id = s.readUInt32LE(sectorSize - 4);
  }
  if (fatSectors.length === 0) throw new CompoundFileError('no FAT');
  const fat = Buffer.concat(fatSectors.map(sector));
  const next = (table: Buffer, id: number) => (id * 4 + 4 <= table.length ? table.readUInt32LE(id * 4) : END_OF_CHAIN);
  assertChainsEnd(fat, sectorCount);

  /** A sector chain, refusing loops and ids outside the file. */
  const chain = (table: Buffer, start: number, limit: number, max = Infinity): number[] => {
    const ids: number[] = [];
    const seen = new Set<number>();
    for (let id = start; id !== END_OF_CHAIN && ids.length < max; id = next(table, id)) {
      if (id > MAX_REGULAR_SECTOR || id >= limit) throw new CompoundFileError(`chain leaves the file at ${id}`);
      if (seen.has(id)) throw new CompoundFileError('sector chain loops');
      seen.add(id);
      ids.push(id);
    }
    return ids;
  };
  const readChain = (start: number, max = Infinity) => Buffer.concat(chain(fat, start, sectorCount, max).map(sector));

  const directory = readChain(bytes.readUInt32LE(0x30));
  const entryCount = Math.floor(directory.length / DIRECTORY_ENTRY_BYTES);
  const entryAt = (i: number) => {
    if (i >= entryCount) throw new CompoundFileError(`directory entry ${i} does not exist`);
    const e = directory.subarray(i * DIRECTORY_ENTRY_BYTES, (i + 1) * DIRECTORY_ENTRY_BYTES);
    const nameBytes = Math.min(Math.max(e.readUInt16LE(0x40) - 2, 0), 64);
    return {
      entry: { name: e.subarray(0, nameBytes).toString('utf16le'), type: e[0x42], start: e.readUInt32LE(0x74), size: e.readUInt32LE(0x78) },
      left: e.readUInt32LE(0x44),
      right: e.readUInt32LE(0x48),
      child: e.readUInt32LE(0x4c),
    };
  };
  const root = entryAt(0);
  if (root.entry.type !== 5) throw new CompoundFileError('first directory entry is not the root');

  // Siblings form a red-black tree through left/right links, each storage's children hang off its
  // child link. Walk the whole tree once, so a loop anywhere makes the file damaged rather than a
  // trap for whichever program opens it next; the root's children are the top level.
  const topLevel = new Map<string, CompoundEntry>();
  const visited = new Set<number>();
  const pending: Array<[index: number, top: boolean]> = root.child === NO_STREAM ? [] : [[root.child, true]];
  while (pending.length > 0) {
    const [i, top] = pending.pop()!;
    if (i === 0 || visited.has(i)) throw new CompoundFileError('directory tree loops');
    visited.add(i);
    const node = entryAt(i);
    if (top) topLevel.set(node.entry.name, node.entry);
    if (node.left !== NO_STREAM) pending.push([node.left, top]);
    if (node.right !== NO_STREAM) pending.push([node.right, top]);
    if (node.child !== NO_STREAM) pending.push([node.child, false]);
  }

  let miniStream: { fat: Buffer; data: Buffer } | null = null;
  const mini = () => {
    miniStream ??= {
      fat: readChain(bytes.readUInt32LE(0x3c)),
      data: readChain(root.entry.start),
    };
    return miniStream;
  };

  return {
    topLevel,
    readStreamPrefix(entry, maxBytes) {
      const want = Math.min(entry.size, maxBytes);
      if (entry.size < MINI_STREAM_CUTOFF) {
        const { fat: miniFat, data } = mini();
        const ids = chain(miniFat, entry.start, Math.floor(data.length / MINI_SECTOR_BYTES), Math.ceil(want / MINI_SECTOR_BYTES));
        return Buffer.concat(ids.map((id) => data.subarray(id * MINI_SECTOR_BYTES, (id + 1) * MINI_SECTOR_BYTES))).subarray(0, want);
      }
      return readChain(entry.start, Math.ceil(want / sectorSize)).subarray(0, want);
    },
  };
}

/**
 * Every FAT chain must end inside the file: no sector leads back into its own chain. Checked for
 * all sectors, not only those we read, because the file is stored and opened again later. O(n).
 */
function assertChainsEnd(fat: Buffer, sectorCount: number): void {
  const ON_PATH = 1;
  const DONE = 2;
  const state = new Uint8Array(sectorCount);
  const path: number[] = [];
  for (let startId = 0; startId < sectorCount; startId++) {
    let id = startId;
    while (id <= MAX_REGULAR_SECTOR && state[id] !== DONE) {
      if (id >= sectorCount) throw new CompoundFileError(`chain leaves the file at ${id}`);
      if (state[id] === ON_PATH) throw new CompoundFileError('sector chain loops');
      state[id] = ON_PATH;
      path.push(id);
      id = id * 4 + 4 <= fat.length ? fat.readUInt32LE(id * 4) : END_OF_CHAIN;
    }
    for (const done of path) state[done] = DONE;
    path.length = 0;
  }
}
