// Parse each file named in the list file (one path a line) with kordoc, in one process, as
// kplan's worker does: prints {"files", "failed", "errors"} as one JSON line.
import { parse } from "kordoc";
import { readFileSync } from "node:fs";

const paths = readFileSync(process.argv[2], "utf8").split("\n").filter(Boolean);
let failed = 0;
const errors = [];
for (const path of paths) {
  try {
    const bytes = readFileSync(path);
    const result = await parse(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
    if (!result.success) {
      failed += 1;
      errors.push(`${path}: ${result.error}`);
    }
  } catch (err) {
    failed += 1;
    errors.push(`${path}: ${err}`);
  }
}
console.log(JSON.stringify({ files: paths.length, failed, errors: errors.slice(0, 5) }));
