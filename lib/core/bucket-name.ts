// Amazon S3 general-purpose bucket naming rules:
// https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
// R2 and MinIO are laxer in places, but every name valid here is valid there too, so we apply
// the strictest common set rather than tailoring per provider.

const MIN_LENGTH = 3;
const MAX_LENGTH = 63;

// AWS reserves these for its own features (IDN encoding, internal tooling, documentation).
const RESERVED_PREFIXES = ["xn--", "sthree-", "amzn-s3-demo-"] as const;

// Suffixes AWS uses for access-point aliases, Object Lambda, multi-region access points,
// directory buckets and table buckets.
const RESERVED_SUFFIXES = ["-s3alias", "--ol-s3", ".mrap", "--x-s3", "--table-s3"] as const;

function isLowerAlnum(ch: string): boolean {
  return (ch >= "a" && ch <= "z") || (ch >= "0" && ch <= "9");
}

function isAllowedChar(ch: string): boolean {
  return isLowerAlnum(ch) || ch === "." || ch === "-";
}

// Four dot-separated groups of 1–3 digits. AWS rejects the shape, not just valid addresses,
// so "999.1.1.1" is refused too.
function looksLikeIpAddress(name: string): boolean {
  const parts = name.split(".");
  return parts.length === 4 && parts.every((part) => /^[0-9]{1,3}$/.test(part));
}

function describeChar(ch: string): string {
  if (ch === " ") return "spaces";
  if (ch >= "A" && ch <= "Z") return "uppercase letters";
  return `"${ch}"`;
}

/** Returns plain-language problems with `name`; an empty array means the name is valid. */
export function validateBucketName(name: string): string[] {
  if (name.length === 0) return ["Bucket name is required."];

  const problems: string[] = [];

  if (name.length < MIN_LENGTH || name.length > MAX_LENGTH) {
    problems.push(
      `Bucket name must be between ${MIN_LENGTH} and ${MAX_LENGTH} characters long (it is ${name.length}).`,
    );
  }

  const badChars: string[] = [];
  for (const ch of name) {
    if (isAllowedChar(ch)) continue;
    const described = describeChar(ch);
    if (!badChars.includes(described)) badChars.push(described);
  }
  if (badChars.length > 0) {
    problems.push(
      `Bucket name can only contain lowercase letters, numbers, dots and hyphens (found ${badChars.join(", ")}).`,
    );
  }

  const first = name[0] ?? "";
  const last = name[name.length - 1] ?? "";
  if (!isLowerAlnum(first) || !isLowerAlnum(last)) {
    problems.push("Bucket name must begin and end with a lowercase letter or number.");
  }

  if (name.includes("..")) {
    problems.push("Bucket name must not contain two dots in a row.");
  }

  if (looksLikeIpAddress(name)) {
    problems.push("Bucket name must not look like an IP address (for example 192.168.5.4).");
  }

  const prefix = RESERVED_PREFIXES.find((p) => name.startsWith(p));
  if (prefix) problems.push(`Bucket name must not start with "${prefix}" (reserved by AWS).`);

  const suffix = RESERVED_SUFFIXES.find((s) => name.endsWith(s));
  if (suffix) problems.push(`Bucket name must not end with "${suffix}" (reserved by AWS).`);

  return problems;
}
