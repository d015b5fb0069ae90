/**
 * Container image references as the kubelet parses them (distribution/reference's
 * ParseNormalizedNamed, which Kubernetes vendors): a reference it cannot parse never starts
 * (InvalidImageName). The grammar, from distribution/reference's regexp.go:
 *
 *   reference        := name [ ":" tag ] [ "@" digest ]
 *   name             := [domain "/"] remote-name
 *   domain           := host [":" port-number]
 *   host             := domain-name | "[" IPv6address "]"
 *   domain-name      := domain-component ["." domain-component]*
 *   domain-component := /([a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])/
 *   port-number      := /[0-9]+/
 *   remote-name      := path-component ["/" path-component]*
 *   path-component   := alpha-numeric [separator alpha-numeric]*
 *   alpha-numeric    := /[a-z0-9]+/
 *   separator        := /[_.]|__|[-]+/
 *   tag              := /[\w][\w.-]{0,127}/
 *   digest           := algorithm ":" hex, algorithm components of a letter then letters and
 *                       digits joined by one of - _ + . and hex /[0-9a-fA-F]{32,}/
 */

const ALPHANUMERIC = '[a-z0-9]+';
const SEPARATOR = '(?:[._]|__|[-]+)';
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN_NAME = `${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*`;
const IPV6 = '\\[(?:[a-fA-F0-9:]+)\\]';
const DOMAIN = `(?:${DOMAIN_NAME}|${IPV6})(?::[0-9]+)?`;
const PATH_COMPONENT = `${ALPHANUMERIC}(?:${SEPARATOR}${ALPHANUMERIC})*`;
const REMOTE_NAME = `${PATH_COMPONENT}(?:/${PATH_COMPONENT})*`;
const NAME = `(?:${DOMAIN}/)?${REMOTE_NAME}`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*[:][0-9a-fA-F]{32,}';

const REFERENCE = new RegExp(`^(${NAME})(?::(${TAG}))?(?:@(${DIGEST}))?$`);
const ANCHORED_NAME = new RegExp(`^(?:(${DOMAIN})/)?(${REMOTE_NAME})$`);
const IDENTIFIER = /^[a-f0-9]{64}$/;
const REPOSITORY_NAME_MAX = 255;

// The digest algorithms go-digest registers, with the exact (lowercase) length of their hex.
const DIGEST_ALGORITHMS: Readonly<Record<string, number>> = { sha256: 64, sha384: 96, sha512: 128 };

const EXAMPLE = 'expected [registry/]repository[:tag][@digest] such as "ghcr.io/acme/shop:1.4.2"';

// Docker Hub names ("nginx", "library/nginx") get the default domain; a first part with "." or ":",
// "localhost", or uppercase letters is a registry.
function splitDomain(name: string): { domain: string; remainder: string } {
  const slash = name.indexOf('/');
  if (slash < 0) return { domain: 'docker.io', remainder: `library/${name}` };
  const first = name.slice(0, slash);
  const isDomain = first === 'localhost' || /[.:]/.test(first) || first.toLowerCase() !== first;
  const domain = !isDomain || first === 'index.docker.io' ? 'docker.io' : first;
  const remainder = isDomain ? name.slice(slash + 1) : name;
  return { domain, remainder: domain === 'docker.io' && !remainder.includes('/') ? `library/${remainder}` : remainder };
}

function digestError(digest: string): string | undefined {
  const colon = digest.indexOf(':');
  const algorithm = digest.slice(0, colon);
  const hex = digest.slice(colon + 1);
  const length = DIGEST_ALGORITHMS[algorithm];
  if (length === undefined) return `unsupported digest algorithm "${algorithm}" (expected sha256, sha384 or sha512)`;
  if (hex.length !== length || !/^[a-f0-9]+$/.test(hex)) return `a ${algorithm} digest is ${length} lowercase hexadecimal digits`;
  return undefined;
}

// Inputs repeat a few images many times: each is parsed once (the cache is dropped when it grows large).
const CACHE = new Map<string, string | undefined>();
const CACHE_MAX = 10_000;

/** Why the kubelet cannot parse `image` as an image reference, or undefined when it can. */
export function imageReferenceError(image: string): string | undefined {
  if (CACHE.has(image)) return CACHE.get(image);
  if (CACHE.size >= CACHE_MAX) CACHE.clear();
  const error = parseError(image);
  CACHE.set(image, error);
  return error;
}

function parseError(image: string): string | undefined {
  if (image === '') return 'an image reference is not empty';
  if (image.trim() !== image) return 'must not have leading or trailing whitespace';
  if (IDENTIFIER.test(image)) return 'a 64-character hexadecimal string is an image ID, not a reference: name the repository';
  const { domain, remainder } = splitDomain(image);
  const colon = remainder.indexOf(':');
  const repository = colon < 0 ? remainder : remainder.slice(0, colon);
  if (repository.toLowerCase() !== repository) {
    const shown = image.includes('/') ? repository : repository.replace(/^library\//, '');
    return `repository name "${shown}" must be lowercase`;
  }
  const match = REFERENCE.exec(`${domain}/${remainder}`);
  if (!match) {
    if (REFERENCE.test(`${domain}/${remainder}`.toLowerCase())) return 'must be lowercase';
    return `invalid reference format: ${EXAMPLE}`;
  }
  const path = ANCHORED_NAME.exec(match[1]!)?.[2] ?? match[1]!;
  if (path.length > REPOSITORY_NAME_MAX) return `repository name must be at most ${REPOSITORY_NAME_MAX} characters (got ${path.length})`;
  return match[3] ? digestError(match[3]) : undefined;
}
