import type { ObjectRule } from '../rule.js';
import { imageReferenceError } from '../image-reference.js';
import { containersOf } from '../workloads.js';

/** The kubelet parses each image with distribution/reference: a reference it cannot parse never runs (InvalidImageName). */
export const imageReference: ObjectRule = {
  id: 'image-reference',
  description: 'container images are valid image references (the kubelet cannot pull others: InvalidImageName)',
  *check(o) {
    for (const { container, pathOf } of containersOf(o)) {
      if (typeof container.image !== 'string' || container.image === '') continue; // required-ness is the schema's
      const bad = imageReferenceError(container.image);
      if (bad) yield { path: pathOf('image'), message: `invalid image reference "${container.image}": ${bad}` };
    }
  },
};
