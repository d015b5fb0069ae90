/** Handmade YAML documents for the fast-parser equivalence tests. `fast`: must not fall back. */
export interface Case {
  name: string;
  text: string;
  fast: boolean;
}

const deployment = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  namespace: default
  labels:
    app.kubernetes.io/name: web
    "app.kubernetes.io/part-of": 'shop'
  annotations:
    example.com/note: "a \\"quoted\\" note\\twith tab \\u00e9 \\x41 \\U0001F600"
spec:
  replicas: 3
  selector:
    matchLabels: {app: web, tier: "front"}
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: web   # trailing comment
        image: nginx:1.25
        args: ["--port", "8080", -v, 2]
        ports:
        - containerPort: 8080
          name: http
          protocol: TCP
        env:
        - name: A
          value: "1"
        - name: EMPTY
          value: ""
        - name: DB
          valueFrom:
            secretKeyRef: {name: db, key: password}
        resources:
          requests: {cpu: 100m, memory: 128Mi}
          limits:
            memory: 256Mi
        readinessProbe:
          httpGet:
            path: /healthz
            port: http
          initialDelaySeconds: 5
      - name: sidecar
        image: busybox
        command:
          - sh
          - -c
          - echo hi; sleep 3600
      volumes: []
      nodeSelector: {}
`;

const configMap = `# leading comment
apiVersion: v1
kind: ConfigMap
metadata:
  name: cfg
data:
  nginx.conf: |
    server {
      listen 80;

      location / {
        root /usr/share/nginx/html;
      }
    }
  script.sh: |-
    #!/bin/sh
    echo "hello # not a comment"
  keep: |+
    kept


  folded: >
    a long
    folded line

    new paragraph
      more indented
    back
  folded-strip: >-
    one
    two
  indented: |2
      starts with spaces
    then not
  empty-literal: |
  tabs: |
    a	b
  last: x
`;

const crd = `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  names:
    kind: Widget
    plural: widgets
    shortNames: [wd]
  scope: Namespaced
  versions:
  - name: v1
    served: true
    storage: true
    schema:
      openAPIV3Schema:
        type: object
        description: A widget.
        required: [spec]
        properties:
          spec:
            type: object
            properties:
              size:
                type: integer
                minimum: 0
                maximum: 0x10
                default: 1
              ratio:
                type: number
                default: 0.5
              name:
                type: string
                pattern: ^[a-z0-9]([-a-z0-9]*[a-z0-9])?$
                maxLength: 63
              mode:
                type: string
                enum:
                - "on"
                - "off"
                - auto
              tags:
                type: array
                items:
                  type: string
              extra:
                type: object
                x-kubernetes-preserve-unknown-fields: true
                additionalProperties:
                  type: string
    additionalPrinterColumns:
    - jsonPath: .spec.size
      name: Size
      type: integer
`;

const scalars = `nulls: [null, Null, NULL, ~]
empty:
tilde: ~
bools: [true, True, TRUE, false, False, FALSE, yes, no, on, off, y, n, Y, N, YES, Off]
notBools: [tRUE, oN, yES, nO]
ints: [0, -0, +12, 007, 0644, 08, 0o17, 0x1F, 0X1F, 0xff, 0b101, -0b11, 0b-1, 1_000, 12345678901234567890]
notInts: [0o8, 0x, 0b, _1, 0xFFFFFFFFFFFFFFFFFF]
sexagesimal: 1:20
timestamp: 2001-12-14
floats: [1.5, -1.5, .5, +.5, 1., 1e3, 1.5E-3, -2e+4, .5_0, 1_0.5]
notFloats: [1.2.3, e3, inf, nan, -.nan, 1e400, ._5]
strings: [abc, a b c, "1", '1', 'it''s', "", '', "yes", '0644']
plainWithColon: a:b
url: http://example.com:8080/path?q=1#frag
hashInside: a#b
spaces:    padded value   
"quoted key": 1
'single key': 2
key with spaces: 3
dash-key: -x
neg: -1
dot: .
`;

export const CORPUS: Case[] = [
  { name: 'deployment', text: deployment, fast: true },
  { name: 'configmap with block scalars', text: configMap, fast: true },
  { name: 'crd', text: crd, fast: true },
  { name: 'scalars', text: scalars, fast: true },
  { name: 'infinity (kubectl refuses it)', text: `a: 1\nb: [.inf, -.Inf, .nan]\n`, fast: false },
  { name: 'YAML 1.1 keys', text: `yes: 1\n0644: 2\n1e7: 3\n`, fast: false },
  { name: 'merge keys', text: `base: &b {a: 1, b: 2}\nm:\n  a: 0\n  <<: [*b, {c: 3}]\n  d: 4\n`, fast: false },
  { name: 'multi-doc stream', text: `a: 1\n---\nb: 2\n---\n# only comment\n---\n- x\n...\n---\nc: [1]\n`, fast: true },
  { name: 'leading ---', text: `---\na: 1\n`, fast: true },
  { name: 'trailing ---', text: `a: 1\n---\n`, fast: true },
  { name: '--- with comment', text: `--- # c\na: 1\n--- \nb: 2`, fast: true },
  { name: 'bare document after ...', text: `a: 1\n...\nb: 1\n`, fast: true },
  { name: 'empty stream', text: ``, fast: true },
  { name: 'comments only', text: `# a\n\n  # b\n`, fast: true },
  { name: 'no trailing newline', text: `a:\n  b: c`, fast: true },
  { name: 'block scalar at eof', text: `a: |\n  x\n  y`, fast: true },
  { name: 'keep at eof', text: `a: |+\n  x\n\n`, fast: true },
  { name: 'keep then key', text: `a: |+\n  x\n\n  \n    \nz: 1\n`, fast: true },
  { name: 'block scalar then comment', text: `a: |\n    x\n  # c\nb: >-\n  y\n# c\n`, fast: true },
  { name: 'block scalar in seq', text: `- |\n  x\n- >\n  y\n  z\n- |2-\n   a\n  b\n- a: |1\n    x\n`, fast: true },
  { name: 'block scalar empty', text: `a: |\nb: >+\n\nc: |-\n`, fast: true },
  { name: 'block scalar header comment', text: `a: |- # c\n  x\n`, fast: true },
  { name: 'root sequence', text: `- a\n- b: 1\n  c: 2\n-\n  d: 3\n- - x\n  - y\n-\n- [1, 2]\n- {}\n`, fast: true },
  { name: 'nested indented sequences', text: `a:\n  - b\n  - c:\n      - d\n    e: f\nz: 1\n`, fast: true },
  { name: 'same-indent sequences', text: `a:\n- b\n- c:\n  - d\n  e: f\nz:\n- 1\n`, fast: true },
  { name: 'empty items', text: `a:\n  - \n  -\n  - x\n  - # c\n  -   # c\n    k: v\n`, fast: true },
  { name: 'comments everywhere', text: `# top\na: # after key\n  # inside\n  b: 1 # x\n\n# between\nc:\n- 1 # one\n  # hanging\n- 2\n`, fast: true },
  { name: 'indented root', text: `  a: 1\n  b:\n    c: 2\n`, fast: true },
  { name: 'compact quoted keys', text: `- "a": 1\n  'b': 2\n- "k" : v\n`, fast: true },
  { name: 'flow collections', text: `a: [a, "b", 'c', 1, true, null, [x, y], {k: v}]\nb: {a: 1, "b": [2], 'c': {}}\nc: { }\nd: [ ]\ne: {"x":1}\n`, fast: true },
  { name: 'integer-like quoted keys', text: `"10": a\n'2': b\nm:\n  "1": {"0": x}\n`, fast: true },
  { name: 'proto key', text: `__proto__: 1\nconstructor: 2\ntoString: x\n`, fast: true },
  { name: 'unicode', text: `name: héllo wörld 日本\nemoji: "😀"\n`, fast: true },
  // Outside the subset: must fall back and still agree.
  { name: 'anchors and aliases', text: `a: &x {b: 1}\nc: *x\n`, fast: false },
  { name: 'tags', text: `a: !!str 1\nb: !custom x\n`, fast: false },
  { name: 'multi-line plain', text: `a: one\n  two\n\n  three\nb: 1\n`, fast: false },
  { name: 'multi-line quoted', text: `a: "one\n  two"\nb: 'x\n\n  y'\n`, fast: false },
  { name: 'multi-line flow', text: `a: [1,\n  2]\n`, fast: false },
  { name: 'complex key', text: `? a\n: b\n`, fast: false },
  { name: 'tab indentation', text: `a:\n\tb: 1\n`, fast: false },
  { name: 'directive', text: `%YAML 1.2\n---\na: 1\n`, fast: false },
  { name: 'non-string keys', text: `1: a\ntrue: b\nnull: c\n`, fast: false },
  { name: 'merge key', text: `a: {x: 1}\n<<: {y: 2}\n`, fast: false },
  { name: 'root scalar', text: `hello\n`, fast: true },
  { name: 'root flow', text: `[1, 2]\n---\n{a: 1}\n---\n"x"\n`, fast: true },
  { name: 'root multi-line plain', text: `hello\nworld\n`, fast: false },
  { name: 'flow plain with colons', text: `a: [a:b, 'c:d', http://x.y/z#w, -1, -x, {---: 1, k: v:w}]\n`, fast: true },
  { name: 'flow pair in sequence', text: `a: [a: b]\nb: {c:d}\n`, fast: false },
  { name: 'crlf', text: deployment.replace(/\n/g, '\r\n') + '---\r\nk: |\r\n  x\r\n\r\n  y\r\n', fast: true },
  { name: 'lone cr', text: `a: 1\rb: 2\n`, fast: false },
  { name: 'json', text: `{\n  "a": [1, 2.5, "x", null, true],\n  "b": {"c": {}}\n}\n`, fast: false },
  { name: 'json duplicate', text: `{"a": 1, "b": {"c": 1, "c": 2}}`, fast: false },
  { name: 'duplicate keys', text: `a: 1\nb:\n  c: 1\n  c: 2\n`, fast: false },
  { name: 'duplicate in flow', text: `a: {x: 1, x: 2}\n`, fast: false },
  { name: 'bad indentation', text: `a:\n    b: 1\n  c: 2\n`, fast: false },
  { name: 'unterminated quote', text: `a: "abc\n`, fast: false },
  { name: 'invalid escape', text: `a: "\\q"\n`, fast: false },
  { name: 'error doc between good docs', text: `a: 1\n---\nb: [\n---\nc: 3\n`, fast: false },
  { name: 'more-indented leading blank in block scalar', text: `k: |\n      \n  a\n`, fast: false },
  { name: 'nested map on one line', text: `a: b: c\n`, fast: false },
  { name: 'document with text on --- line', text: `--- |\n  x\n---\na: 1\n`, fast: false },
  { name: 'seq after scalar at same indent', text: `a: 1\n- b\n`, fast: false },
];
