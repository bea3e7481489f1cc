/* eslint-disable @typescript-eslint/no-non-null-assertion -- typed-array loops indexed under their bound (STYLE.md §5) */
/**
 * A hand-assembled WebAssembly SIMD module with one function, `distBatch`, that computes the
 * squared Euclidean distance from one row of a row-major float32 matrix to a list of other rows.
 * It is the inner loop of the farthest-first kernel; the bytes are built here so that the
 * repository holds no binary.
 *
 * Function signature (all i32, byte addresses into the shared memory):
 * `distBatch(matrix, rowStride, groupsOf8, centre, indices, count, out)` writes, for k in
 * [0, count), `out[k] = Σ_j (matrix[indices[k]][j] − centre[j])²` as float32. Rows are
 * `groupsOf8 · 8` floats long (zero padded). The sum uses two f32x4 accumulators, one for the
 * even and one for the odd 4-float block, added lane-wise at the end and reduced as
 * `(l0 + l1) + (l2 + l3)`; {@link distBatchReference} repeats exactly this order in plain
 * JavaScript, so both give identical bits.
 */

const I32 = 0x7f;
const V128 = 0x7b;

/** Unsigned LEB128. */
function uleb(value: number): number[] {
  const bytes: number[] = [];
  let rest = value >>> 0;
  do {
    let byte = rest & 0x7f;
    rest >>>= 7;
    if (rest !== 0) byte |= 0x80;
    bytes.push(byte);
  } while (rest !== 0);
  return bytes;
}

/** A length-prefixed section. */
function section(id: number, body: number[]): number[] {
  return [id, ...uleb(body.length), ...body];
}

/** A length-prefixed UTF-8 name. */
function name(text: string): number[] {
  const bytes = [...new TextEncoder().encode(text)];
  return [...uleb(bytes.length), ...bytes];
}

const simd = (opcode: number): number[] => [0xfd, ...uleb(opcode)];
const get = (index: number): number[] => [0x20, index];
const set = (index: number): number[] => [0x21, index];
const tee = (index: number): number[] => [0x22, index];
const i32Const = (value: number): number[] => [0x41, value];
const I32_ADD = 0x6a;
const I32_SUB = 0x6b;
const I32_MUL = 0x6c;
const I32_SHL = 0x74;
const I32_LT_U = 0x49;
const I32_EQZ = 0x45;
const F32_ADD = 0x92;
const v128Load = (offset: number): number[] => [...simd(0x00), 4, ...uleb(offset)];
const V128_ZERO = [...simd(0x0c), ...new Array<number>(16).fill(0)];
const F32X4_ADD = simd(0xe4);
const F32X4_SUB = simd(0xe5);
const F32X4_MUL = simd(0xe6);
const lane = (index: number): number[] => [...simd(0x1f), index];

// Parameters, then locals.
const MATRIX = 0;
const STRIDE = 1;
const GROUPS = 2;
const CENTRE = 3;
const INDICES = 4;
const COUNT = 5;
const OUT = 6;
const K = 7;
const P = 8;
const Q = 9;
const J = 10;
const ACC0 = 11;
const ACC1 = 12;
const DIFF = 13;

/** acc += (load(p + offset) − load(q + offset))². */
function accumulate(accumulator: number, offset: number): number[] {
  return [
    ...get(accumulator),
    ...get(P),
    ...v128Load(offset),
    ...get(Q),
    ...v128Load(offset),
    ...F32X4_SUB,
    ...tee(DIFF),
    ...get(DIFF),
    ...F32X4_MUL,
    ...F32X4_ADD,
    ...set(accumulator),
  ];
}

function distBatchBody(): number[] {
  const code = [
    0x02,
    0x40, // block
    ...get(COUNT),
    I32_EQZ,
    0x0d,
    0, // br_if 0 when count == 0
    ...i32Const(0),
    ...set(K),
    0x03,
    0x40, // loop (rows)
    ...get(MATRIX),
    ...get(INDICES),
    ...get(K),
    ...i32Const(2),
    I32_SHL,
    I32_ADD,
    0x28,
    2,
    0, // i32.load
    ...get(STRIDE),
    I32_MUL,
    I32_ADD,
    ...set(P),
    ...get(CENTRE),
    ...set(Q),
    ...V128_ZERO,
    ...set(ACC0),
    ...V128_ZERO,
    ...set(ACC1),
    ...get(GROUPS),
    ...set(J),
    0x03,
    0x40, // loop (groups of 8 floats)
    ...accumulate(ACC0, 0),
    ...accumulate(ACC1, 16),
    ...get(P),
    ...i32Const(32),
    I32_ADD,
    ...set(P),
    ...get(Q),
    ...i32Const(32),
    I32_ADD,
    ...set(Q),
    ...get(J),
    ...i32Const(1),
    I32_SUB,
    ...tee(J),
    0x0d,
    0, // br_if inner loop while j != 0
    0x0b, // end inner loop
    ...get(ACC0),
    ...get(ACC1),
    ...F32X4_ADD,
    ...set(ACC0),
    ...get(OUT),
    ...get(K),
    ...i32Const(2),
    I32_SHL,
    I32_ADD,
    ...get(ACC0),
    ...lane(0),
    ...get(ACC0),
    ...lane(1),
    F32_ADD,
    ...get(ACC0),
    ...lane(2),
    ...get(ACC0),
    ...lane(3),
    F32_ADD,
    F32_ADD,
    0x38,
    2,
    0, // f32.store
    ...get(K),
    ...i32Const(1),
    I32_ADD,
    ...tee(K),
    ...get(COUNT),
    I32_LT_U,
    0x0d,
    0, // br_if outer loop while k < count
    0x0b, // end outer loop
    0x0b, // end block
    0x0b, // end function
  ];
  const locals = [2, 4, I32, 3, V128];
  const body = [...locals, ...code];
  return [...uleb(body.length), ...body];
}

/**
 * Builds the module's bytes. It imports its memory as `env.memory` (shared, up to 65,536 pages).
 *
 * @returns the WebAssembly binary.
 */
export function buildDistanceModuleBytes(): Uint8Array {
  const header = [0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00];
  const types = section(1, [1, 0x60, 7, I32, I32, I32, I32, I32, I32, I32, 0]);
  const imports = section(2, [
    1,
    ...name('env'),
    ...name('memory'),
    0x02,
    0x03,
    ...uleb(1),
    ...uleb(65536),
  ]);
  const functions = section(3, [1, 0]);
  const exports = section(7, [1, ...name('distBatch'), 0x00, 0]);
  const code = section(10, [1, ...distBatchBody()]);
  return new Uint8Array([...header, ...types, ...imports, ...functions, ...exports, ...code]);
}

/**
 * The same computation as the WebAssembly `distBatch`, in plain JavaScript with float32
 * rounding after every operation, in the same order: identical results bit for bit.
 *
 * @param matrix - row-major values, rows `groupsOf8 · 8` long.
 * @param stride - floats per row.
 * @param centre - float offset of the centre row in `matrix`.
 * @param indices - rows to measure.
 * @param count - how many of `indices` to use.
 * @param out - receives the squared distances.
 */
export function distBatchReference(
  matrix: Float32Array,
  stride: number,
  centre: number,
  indices: Int32Array,
  count: number,
  out: Float32Array,
): void {
  const f = Math.fround;
  const acc = new Float32Array(8);
  for (let k = 0; k < count; k++) {
    const p = indices[k]! * stride;
    acc.fill(0);
    for (let j = 0; j < stride; j += 8) {
      for (let l = 0; l < 8; l++) {
        const d = f(matrix[p + j + l]! - matrix[centre + j + l]!);
        acc[l] = f(acc[l]! + f(d * d));
      }
    }
    const s0 = f(acc[0]! + acc[4]!);
    const s1 = f(acc[1]! + acc[5]!);
    const s2 = f(acc[2]! + acc[6]!);
    const s3 = f(acc[3]! + acc[7]!);
    out[k] = f(f(s0 + s1) + f(s2 + s3));
  }
}
