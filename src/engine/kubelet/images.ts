/**
 * Container images as a node's kubelet sees them: how big an image is, how long its pull takes, whether
 * it can be pulled at all, and the node's image cache (what `status.images` reports).
 *
 * There is no registry in the simulation, so kubecanvas decides:
 * - An image's size comes from a small table of well-known images, otherwise from a stable hash of its
 *   name (20 to 300 MB), so the same image always has the same size.
 * - A pull takes 1 s (resolving the manifest) plus the size at 20 MB/s (download and unpack); a pull of an
 *   image already on the node (pull policy Always) only checks the manifest and takes 0.5 s. Pulls on one node are serialized, as with the
 *   kubelet's default `serializeImagePulls: true`.
 * - An image is unpullable when its registry host ends in `.invalid` (RFC 2606: never resolves) or its tag
 *   is one of UNPULLABLE_TAGS (`doesnotexist`, `notfound`, `nonexistent`): the pull fails with
 *   ErrImagePull and is retried with the image back-off (ImagePullBackOff).
 */

/** Tags that mark an image as missing from its registry (the pull fails with `not found`). */
export const UNPULLABLE_TAGS: readonly string[] = ['doesnotexist', 'notfound', 'nonexistent'];

const PULL_OVERHEAD_MS = 1000;
const MANIFEST_CHECK_MS = 500;
const BYTES_PER_SECOND = 20 * 1000 * 1000;

const KNOWN_SIZES_MB: Record<string, number> = {
  nginx: 68,
  redis: 45,
  memcached: 30,
  postgres: 150,
  mysql: 170,
  busybox: 2,
  alpine: 3,
  ubuntu: 29,
  debian: 49,
  ruby: 310,
  python: 350,
  node: 380,
  httpd: 58,
  'registry.k8s.io/pause': 1,
};

/** The parts of an image reference: registry host, repository path, tag. */
export interface ImageRef {
  host: string;
  repository: string;
  tag: string;
  digest?: string;
}

/** Parses an image reference as a container runtime normalizes it (docker.io/library/ by default). */
export function parseImage(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  const slash = rest.indexOf('/');
  const first = slash >= 0 ? rest.slice(0, slash) : '';
  const hasHost = slash >= 0 && (first.includes('.') || first.includes(':') || first === 'localhost');
  const host = hasHost ? first : 'docker.io';
  let path = hasHost ? rest.slice(slash + 1) : rest;
  let tag = 'latest';
  const colon = path.lastIndexOf(':');
  if (colon > path.lastIndexOf('/')) {
    tag = path.slice(colon + 1);
    path = path.slice(0, colon);
  }
  const repository = host === 'docker.io' && !path.includes('/') ? `library/${path}` : path;
  return digest === undefined ? { host, repository, tag } : { host, repository, tag, digest };
}

/** The fully qualified name a runtime reports (`docker.io/library/nginx:1.25`). */
export function fullImageName(image: string): string {
  const r = parseImage(image);
  return `${r.host}/${r.repository}${r.digest ? `@${r.digest}` : `:${r.tag}`}`;
}

function fnv(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

/** A stable 64-hex-digit digest for a name (image IDs, container IDs). */
export function fakeDigest(seed: string): string {
  let out = '';
  for (let i = 0; out.length < 64; i++) out += fnv(`${i}:${seed}`).toString(16).padStart(8, '0');
  return out.slice(0, 64);
}

/** The image's size in bytes (see the file comment). */
export function imageSizeBytes(image: string): number {
  const r = parseImage(image);
  const short = r.repository.replace(/^library\//, '');
  const known = KNOWN_SIZES_MB[short] ?? KNOWN_SIZES_MB[`${r.host}/${r.repository}`];
  const mb = known ?? 20 + (fnv(`${r.host}/${r.repository}:${r.tag}`) % 281);
  return mb * 1000 * 1000;
}

/** Milliseconds a pull takes once it starts (not counting the wait for earlier pulls on the node). */
export function pullDurationMs(image: string, cached: boolean): number {
  if (cached) return MANIFEST_CHECK_MS;
  return PULL_OVERHEAD_MS + Math.round((imageSizeBytes(image) * 1000) / BYTES_PER_SECOND);
}

/** Why a pull fails, in containerd's words, or undefined when the image can be pulled. */
export function pullError(image: string): string | undefined {
  const r = parseImage(image);
  const full = fullImageName(image);
  if (r.host.endsWith('.invalid'))
    return `rpc error: code = Unknown desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": failed to do request: Head "https://${r.host}/v2/${r.repository}/manifests/${r.tag}": dial tcp: lookup ${r.host}: no such host`;
  if (UNPULLABLE_TAGS.includes(r.tag))
    return `rpc error: code = NotFound desc = failed to pull and unpack image "${full}": failed to resolve reference "${full}": ${full}: not found`;
  return undefined;
}

/** The most images a node reports in status.images (kubelet's nodeStatusMaxImages). */
export const NODE_STATUS_MAX_IMAGES = 50;

/** One node's image cache: the images pulled there, most recently used last. */
export class ImageCache {
  private readonly images = new Map<string, number>();

  has(image: string): boolean {
    return this.images.has(fullImageName(image));
  }

  add(image: string): void {
    const name = fullImageName(image);
    this.images.delete(name);
    this.images.set(name, imageSizeBytes(image));
  }

  /** status.images as the kubelet reports it: largest first, at most NODE_STATUS_MAX_IMAGES. */
  statusImages(): Array<{ names: string[]; sizeBytes: number }> {
    return [...this.images]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, NODE_STATUS_MAX_IMAGES)
      .map(([name, sizeBytes]) => ({ names: [name], sizeBytes }));
  }
}
