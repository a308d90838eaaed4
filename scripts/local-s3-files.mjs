#!/usr/bin/env node
// `npm run local-files [-- --print] [PREFIX]`: the local demo bucket's objects as S3 clients see them.
// s3rver keeps each object on disk as `<key>._S3rver_object` beside a metadata file, so a plain `ls`
// of ./data/local-s3 shows names no S3 client would; this lists the real keys (and prints the files).
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { LOCAL_BUCKET, localS3Directory } from "./local-s3.mjs";

const OBJECT_SUFFIX = "._S3rver_object";

/** Every object key under `prefix` in the demo bucket stored at `directory`, sorted. */
export function listLocalObjects(directory, prefix = "") {
  const bucketDir = path.join(directory, LOCAL_BUCKET);
  if (!existsSync(bucketDir)) return [];
  const keys = [];
  const walk = (dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name.endsWith(OBJECT_SUFFIX)) {
        const key = path.relative(bucketDir, full).split(path.sep).join("/").slice(0, -OBJECT_SUFFIX.length);
        if (key.startsWith(prefix)) keys.push({ key, bytes: statSync(full).size, file: full });
      }
    }
  };
  walk(bucketDir);
  return keys.sort((a, b) => a.key.localeCompare(b.key));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const args = process.argv.slice(2);
  const print = args.includes("--print");
  const prefix = args.find((arg) => !arg.startsWith("--")) ?? "";
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..");
  const directory = localS3Directory(root);
  const objects = listLocalObjects(directory, prefix);
  if (objects.length === 0) console.log(`no objects${prefix ? ` under ${prefix}` : ""} in the demo bucket ${LOCAL_BUCKET} (${directory})`);
  for (const object of objects) {
    console.log(`s3://${LOCAL_BUCKET}/${object.key}  (${object.bytes} bytes)`);
    if (print) console.log(readFileSync(object.file, "utf8"));
  }
}
