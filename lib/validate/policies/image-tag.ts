import type { Policy } from './policy.js';
import { containersOf } from './containers.js';

/** The tag of an image reference, or undefined ("nginx", "reg:5000/nginx"); digests count as pinned. */
export function imageTag(image: string): string | undefined {
  if (image.includes('@')) return '@digest';
  const last = image.slice(image.lastIndexOf('/') + 1);
  const colon = last.indexOf(':');
  return colon < 0 ? undefined : last.slice(colon + 1);
}

export const imageTagPolicy: Policy = {
  id: 'image-tag',
  description: 'images are pinned: a tag other than "latest", or a digest',
  severity: 'error',
  *check(o) {
    for (const { container, path } of containersOf(o)) {
      if (typeof container.image !== 'string') continue;
      const tag = imageTag(container.image);
      if (tag === undefined)
        yield {
          path: [...path, 'image'],
          message: `image "${container.image}" has no tag (it means "latest"): pin a version, e.g. "${container.image}:1.2.3"`,
        };
      else if (tag === 'latest')
        yield { path: [...path, 'image'], message: `image "${container.image}" uses the tag "latest": pin a version so that a deploy is repeatable` };
    }
  },
};
