;; Scoring kernel of the in-memory vector store: dot products of the stored (unit-length) vectors with
;; a query vector, using 128-bit SIMD (f32x4).
;;
;; Layout contract (kept by vector-matrix.ts): every row is `strideBytes` long, a multiple of 64 bytes
;; (16 floats, zero padded), and rows, query and scores are 16-byte aligned. So the inner loop handles
;; 16 floats per iteration with four independent accumulators and needs no remainder loop.
;;
;; `packRows` copies scattered rows next to each other, so that the rows matching a cached filter can be
;; scanned sequentially (several times faster than gathering them on this kind of hardware).
;;
;; Compiled by `node scripts/build-wasm.mjs` into dot-product-wasm.generated.ts (base64): the runtime
;; needs no WebAssembly toolchain. Edit this file, then run the script and commit both.
(module
  (memory (export "memory") 1)

  ;; Dot product of the row at byte offset $row with the query at byte offset $query.
  (func $dot (param $row i32) (param $query i32) (param $strideBytes i32) (result f32)
    (local $end i32)
    (local $sum0 v128) (local $sum1 v128) (local $sum2 v128) (local $sum3 v128)
    (local.set $end (i32.add (local.get $row) (local.get $strideBytes)))
    (loop $next
      (local.set $sum0 (f32x4.add (local.get $sum0)
        (f32x4.mul (v128.load offset=0 (local.get $row)) (v128.load offset=0 (local.get $query)))))
      (local.set $sum1 (f32x4.add (local.get $sum1)
        (f32x4.mul (v128.load offset=16 (local.get $row)) (v128.load offset=16 (local.get $query)))))
      (local.set $sum2 (f32x4.add (local.get $sum2)
        (f32x4.mul (v128.load offset=32 (local.get $row)) (v128.load offset=32 (local.get $query)))))
      (local.set $sum3 (f32x4.add (local.get $sum3)
        (f32x4.mul (v128.load offset=48 (local.get $row)) (v128.load offset=48 (local.get $query)))))
      (local.set $row (i32.add (local.get $row) (i32.const 64)))
      (local.set $query (i32.add (local.get $query) (i32.const 64)))
      (br_if $next (i32.lt_u (local.get $row) (local.get $end))))
    (local.set $sum0 (f32x4.add
      (f32x4.add (local.get $sum0) (local.get $sum1))
      (f32x4.add (local.get $sum2) (local.get $sum3))))
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $sum0)) (f32x4.extract_lane 1 (local.get $sum0)))
      (f32.add (f32x4.extract_lane 2 (local.get $sum0)) (f32x4.extract_lane 3 (local.get $sum0)))))

  ;; scores[i] = dot(row i, query) for the $rowCount consecutive rows starting at byte offset $vectors.
  (func (export "scoreAll")
    (param $vectors i32) (param $rowCount i32) (param $strideBytes i32) (param $query i32) (param $scores i32)
    (local $end i32)
    (if (i32.eqz (local.get $rowCount)) (then (return)))
    (local.set $end (i32.add (local.get $scores) (i32.shl (local.get $rowCount) (i32.const 2))))
    (loop $next
      (f32.store (local.get $scores) (call $dot (local.get $vectors) (local.get $query) (local.get $strideBytes)))
      (local.set $vectors (i32.add (local.get $vectors) (local.get $strideBytes)))
      (local.set $scores (i32.add (local.get $scores) (i32.const 4)))
      (br_if $next (i32.lt_u (local.get $scores) (local.get $end)))))

  ;; scores[i] = dot(row rows[i], query) for the $rowCount row numbers (u32) at byte offset $rows.
  (func (export "scoreRows")
    (param $vectors i32) (param $rows i32) (param $rowCount i32) (param $strideBytes i32) (param $query i32) (param $scores i32)
    (local $end i32)
    (if (i32.eqz (local.get $rowCount)) (then (return)))
    (local.set $end (i32.add (local.get $scores) (i32.shl (local.get $rowCount) (i32.const 2))))
    (loop $next
      (f32.store (local.get $scores)
        (call $dot
          (i32.add (local.get $vectors) (i32.mul (i32.load (local.get $rows)) (local.get $strideBytes)))
          (local.get $query)
          (local.get $strideBytes)))
      (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
      (local.set $scores (i32.add (local.get $scores) (i32.const 4)))
      (br_if $next (i32.lt_u (local.get $scores) (local.get $end)))))

  ;; Copies the $rowCount rows listed (u32 row numbers at byte offset $rows) to consecutive rows starting
  ;; at byte offset $target, 64 bytes per step. The target never overlaps the source rows.
  (func (export "packRows")
    (param $vectors i32) (param $rows i32) (param $rowCount i32) (param $strideBytes i32) (param $target i32)
    (local $end i32) (local $source i32) (local $sourceEnd i32)
    (if (i32.eqz (local.get $rowCount)) (then (return)))
    (local.set $end (i32.add (local.get $rows) (i32.shl (local.get $rowCount) (i32.const 2))))
    (loop $nextRow
      (local.set $source (i32.add (local.get $vectors) (i32.mul (i32.load (local.get $rows)) (local.get $strideBytes))))
      (local.set $sourceEnd (i32.add (local.get $source) (local.get $strideBytes)))
      (loop $nextBlock
        (v128.store offset=0 (local.get $target) (v128.load offset=0 (local.get $source)))
        (v128.store offset=16 (local.get $target) (v128.load offset=16 (local.get $source)))
        (v128.store offset=32 (local.get $target) (v128.load offset=32 (local.get $source)))
        (v128.store offset=48 (local.get $target) (v128.load offset=48 (local.get $source)))
        (local.set $source (i32.add (local.get $source) (i32.const 64)))
        (local.set $target (i32.add (local.get $target) (i32.const 64)))
        (br_if $nextBlock (i32.lt_u (local.get $source) (local.get $sourceEnd))))
      (local.set $rows (i32.add (local.get $rows) (i32.const 4)))
      (br_if $nextRow (i32.lt_u (local.get $rows) (local.get $end)))))
)
