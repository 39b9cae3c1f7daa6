import type { ManifestFile } from '../../scenario/import';

// Files and folders dropped on the page, read in the drop's own task (a DataTransfer's items are
// gone once the drop handler returns), apart from the importer (importFiles.ts), which loads on
// first use so the initial JS does not carry it.

/** Reads dropped items as files, folders walked; each named by its path in the drop. */
export async function filesOfDrop(dt: DataTransfer): Promise<ManifestFile[]> {
  const out: ManifestFile[] = [];
  const entries = [...dt.items].map((i) => (i.kind === 'file' ? i.webkitGetAsEntry?.() : null)).filter((e): e is FileSystemEntry => !!e);
  if (entries.length === 0) {
    for (const f of [...dt.files]) out.push({ name: f.name, text: await f.text() });
    return out;
  }
  const walk = async (e: FileSystemEntry): Promise<void> => {
    if (e.isFile) {
      const f = await new Promise<File>((res, rej) => (e as FileSystemFileEntry).file(res, rej));
      out.push({ name: e.fullPath.replace(/^\//, ''), text: await f.text() });
    } else if (e.isDirectory) {
      const reader = (e as FileSystemDirectoryEntry).createReader();
      const children: FileSystemEntry[] = [];
      // readEntries gives a batch at a time, an empty one at the end.
      for (;;) {
        const batch = await new Promise<FileSystemEntry[]>((res, rej) => reader.readEntries(res, rej));
        if (batch.length === 0) break;
        children.push(...batch);
      }
      children.sort((a, b) => a.name.localeCompare(b.name));
      for (const c of children) await walk(c);
    }
  };
  for (const e of entries) await walk(e);
  return out;
}
