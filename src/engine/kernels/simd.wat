;; Vectorised (WASM SIMD, 4 floats at a time) passes over tensors in the tfjs WASM backend's
;; own memory, which this module imports: tfjs's element-wise kernels are vectorised, but the
;; few passes the playground fuses (kernels/wasm.ts) ran as JavaScript at 2-8 ns per value.
;; Compiled to simd.generated.ts by `npm run build:simd` (wabt's wat2wasm); addresses are
;; byte offsets, counts are floats; no alignment is assumed.
(module
  (import "env" "memory" (memory 1))

  ;; AdamW for n values: g' = g·scale; m' = b1·m + (1−b1)·g'; v' = b2·v + (1−b2)·g'²;
  ;; p' = p·decay − step·m' / (√v'·root + eps). Writes p', m', v' to their own outputs.
  (func (export "adamw")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32)
    (param $pOut i32) (param $mOut i32) (param $vOut i32) (param $n i32)
    (param $scale f32) (param $b1 f32) (param $b2 f32) (param $decay f32)
    (param $step f32) (param $root f32) (param $eps f32)
    (local $i i32) (local $o i32) (local $vec i32)
    (local $g4 v128) (local $m4 v128) (local $v4 v128)
    (local $scale4 v128) (local $b14 v128) (local $c14 v128) (local $b24 v128) (local $c24 v128)
    (local $decay4 v128) (local $step4 v128) (local $root4 v128) (local $eps4 v128)
    (local $gs f32) (local $ms f32) (local $vs f32)
    (local.set $scale4 (f32x4.splat (local.get $scale)))
    (local.set $b14 (f32x4.splat (local.get $b1)))
    (local.set $c14 (f32x4.splat (f32.sub (f32.const 1) (local.get $b1))))
    (local.set $b24 (f32x4.splat (local.get $b2)))
    (local.set $c24 (f32x4.splat (f32.sub (f32.const 1) (local.get $b2))))
    (local.set $decay4 (f32x4.splat (local.get $decay)))
    (local.set $step4 (f32x4.splat (local.get $step)))
    (local.set $root4 (f32x4.splat (local.get $root)))
    (local.set $eps4 (f32x4.splat (local.get $eps)))
    (local.set $vec (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $vec)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (local.set $g4 (f32x4.mul (v128.load (i32.add (local.get $g) (local.get $o))) (local.get $scale4)))
        (local.set $m4
          (f32x4.add
            (f32x4.mul (local.get $b14) (v128.load (i32.add (local.get $m) (local.get $o))))
            (f32x4.mul (local.get $c14) (local.get $g4))))
        (local.set $v4
          (f32x4.add
            (f32x4.mul (local.get $b24) (v128.load (i32.add (local.get $v) (local.get $o))))
            (f32x4.mul (local.get $c24) (f32x4.mul (local.get $g4) (local.get $g4)))))
        (v128.store (i32.add (local.get $mOut) (local.get $o)) (local.get $m4))
        (v128.store (i32.add (local.get $vOut) (local.get $o)) (local.get $v4))
        (v128.store (i32.add (local.get $pOut) (local.get $o))
          (f32x4.sub
            (f32x4.mul (v128.load (i32.add (local.get $p) (local.get $o))) (local.get $decay4))
            (f32x4.div
              (f32x4.mul (local.get $step4) (local.get $m4))
              (f32x4.add (f32x4.mul (f32x4.sqrt (local.get $v4)) (local.get $root4)) (local.get $eps4)))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (local.set $gs (f32.mul (f32.load (i32.add (local.get $g) (local.get $o))) (local.get $scale)))
        (local.set $ms
          (f32.add
            (f32.mul (local.get $b1) (f32.load (i32.add (local.get $m) (local.get $o))))
            (f32.mul (f32.sub (f32.const 1) (local.get $b1)) (local.get $gs))))
        (local.set $vs
          (f32.add
            (f32.mul (local.get $b2) (f32.load (i32.add (local.get $v) (local.get $o))))
            (f32.mul (f32.sub (f32.const 1) (local.get $b2)) (f32.mul (local.get $gs) (local.get $gs)))))
        (f32.store (i32.add (local.get $mOut) (local.get $o)) (local.get $ms))
        (f32.store (i32.add (local.get $vOut) (local.get $o)) (local.get $vs))
        (f32.store (i32.add (local.get $pOut) (local.get $o))
          (f32.sub
            (f32.mul (f32.load (i32.add (local.get $p) (local.get $o))) (local.get $decay))
            (f32.div
              (f32.mul (local.get $step) (local.get $ms))
              (f32.add (f32.mul (f32.sqrt (local.get $vs)) (local.get $root)) (local.get $eps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; Σ x² over n values, accumulated in four float lanes, then in a double.
  (func (export "sumOfSquares") (param $x i32) (param $n i32) (result f64)
    (local $i i32) (local $vec i32) (local $acc v128) (local $a v128) (local $total f64) (local $s f32)
    (local.set $vec (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $vec)))
        (local.set $a (v128.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $a) (local.get $a))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (local.set $total
      (f64.add
        (f64.add (f64.promote_f32 (f32x4.extract_lane 0 (local.get $acc)))
                 (f64.promote_f32 (f32x4.extract_lane 1 (local.get $acc))))
        (f64.add (f64.promote_f32 (f32x4.extract_lane 2 (local.get $acc)))
                 (f64.promote_f32 (f32x4.extract_lane 3 (local.get $acc))))))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $s (f32.load (i32.add (local.get $x) (i32.shl (local.get $i) (i32.const 2)))))
        (local.set $total (f64.add (local.get $total) (f64.promote_f32 (f32.mul (local.get $s) (local.get $s)))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail)))
    (local.get $total))

  ;; out = a·x + b·y over n values (out may be x or y).
  (func (export "axpby")
    (param $out i32) (param $x i32) (param $a f32) (param $y i32) (param $b f32) (param $n i32)
    (local $i i32) (local $o i32) (local $vec i32) (local $a4 v128) (local $b4 v128)
    (local.set $a4 (f32x4.splat (local.get $a)))
    (local.set $b4 (f32x4.splat (local.get $b)))
    (local.set $vec (i32.and (local.get $n) (i32.const -4)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $vec)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (v128.store (i32.add (local.get $out) (local.get $o))
          (f32x4.add
            (f32x4.mul (local.get $a4) (v128.load (i32.add (local.get $x) (local.get $o))))
            (f32x4.mul (local.get $b4) (v128.load (i32.add (local.get $y) (local.get $o))))))
        (local.set $i (i32.add (local.get $i) (i32.const 4)))
        (br $next)))
    (block $tailDone
      (loop $tail
        (br_if $tailDone (i32.ge_u (local.get $i) (local.get $n)))
        (local.set $o (i32.shl (local.get $i) (i32.const 2)))
        (f32.store (i32.add (local.get $out) (local.get $o))
          (f32.add
            (f32.mul (local.get $a) (f32.load (i32.add (local.get $x) (local.get $o))))
            (f32.mul (local.get $b) (f32.load (i32.add (local.get $y) (local.get $o))))))
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br $tail))))

  ;; LayerNorm's gradient over rows of `width` values (a multiple of 4): g = dy·gain,
  ;; dx = rstd·(g − mean(g) − x̂·mean(g·x̂)) per row, dGain = Σ dy·x̂ and dBias = Σ dy over rows.
  (func (export "layerNormGrad")
    (param $dy i32) (param $n i32) (param $rstd i32) (param $gain i32)
    (param $dx i32) (param $dGain i32) (param $dBias i32) (param $rows i32) (param $width i32)
    (local $r i32) (local $c i32) (local $row i32) (local $o i32) (local $bytes i32)
    (local $d v128) (local $x v128) (local $g v128) (local $sg v128) (local $sgn v128)
    (local $mg v128) (local $mgn v128) (local $rs v128) (local $inv f32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 2)))
    (local.set $inv (f32.div (f32.const 1) (f32.convert_i32_u (local.get $width))))
    (block $zeroed
      (loop $zero
        (br_if $zeroed (i32.ge_u (local.get $c) (local.get $bytes)))
        (v128.store (i32.add (local.get $dGain) (local.get $c)) (v128.const i32x4 0 0 0 0))
        (v128.store (i32.add (local.get $dBias) (local.get $c)) (v128.const i32x4 0 0 0 0))
        (local.set $c (i32.add (local.get $c) (i32.const 16)))
        (br $zero)))
    (block $rowsDone
      (loop $nextRow
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $row (i32.mul (local.get $r) (local.get $bytes)))
        (local.set $sg (v128.const i32x4 0 0 0 0))
        (local.set $sgn (v128.const i32x4 0 0 0 0))
        (local.set $c (i32.const 0))
        (block $sumsDone
          (loop $sum
            (br_if $sumsDone (i32.ge_u (local.get $c) (local.get $bytes)))
            (local.set $o (i32.add (local.get $row) (local.get $c)))
            (local.set $d (v128.load (i32.add (local.get $dy) (local.get $o))))
            (local.set $x (v128.load (i32.add (local.get $n) (local.get $o))))
            (local.set $g (f32x4.mul (local.get $d) (v128.load (i32.add (local.get $gain) (local.get $c)))))
            (local.set $sg (f32x4.add (local.get $sg) (local.get $g)))
            (local.set $sgn (f32x4.add (local.get $sgn) (f32x4.mul (local.get $g) (local.get $x))))
            (v128.store (i32.add (local.get $dGain) (local.get $c))
              (f32x4.add (v128.load (i32.add (local.get $dGain) (local.get $c)))
                         (f32x4.mul (local.get $d) (local.get $x))))
            (v128.store (i32.add (local.get $dBias) (local.get $c))
              (f32x4.add (v128.load (i32.add (local.get $dBias) (local.get $c))) (local.get $d)))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $sum)))
        (local.set $mg (f32x4.splat (f32.mul (local.get $inv)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $sg)) (f32x4.extract_lane 1 (local.get $sg)))
            (f32.add (f32x4.extract_lane 2 (local.get $sg)) (f32x4.extract_lane 3 (local.get $sg)))))))
        (local.set $mgn (f32x4.splat (f32.mul (local.get $inv)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $sgn)) (f32x4.extract_lane 1 (local.get $sgn)))
            (f32.add (f32x4.extract_lane 2 (local.get $sgn)) (f32x4.extract_lane 3 (local.get $sgn)))))))
        (local.set $rs (f32x4.splat
          (f32.load (i32.add (local.get $rstd) (i32.shl (local.get $r) (i32.const 2))))))
        (local.set $c (i32.const 0))
        (block $dxDone
          (loop $dxNext
            (br_if $dxDone (i32.ge_u (local.get $c) (local.get $bytes)))
            (local.set $o (i32.add (local.get $row) (local.get $c)))
            (local.set $g (f32x4.mul (v128.load (i32.add (local.get $dy) (local.get $o)))
                                     (v128.load (i32.add (local.get $gain) (local.get $c)))))
            (v128.store (i32.add (local.get $dx) (local.get $o))
              (f32x4.mul (local.get $rs)
                (f32x4.sub (f32x4.sub (local.get $g) (local.get $mg))
                           (f32x4.mul (v128.load (i32.add (local.get $n) (local.get $o))) (local.get $mgn)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $dxNext)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $nextRow))))

  ;; LayerNorm over rows of `width` values (a multiple of 4): x̂ = (x − mean)·rstd with
  ;; rstd = 1/√(var + eps), y = x̂·gain + bias; writes y, x̂ and rstd per row.
  (func (export "layerNorm")
    (param $x i32) (param $gain i32) (param $bias i32) (param $y i32) (param $n i32)
    (param $rstd i32) (param $rows i32) (param $width i32) (param $eps f32)
    (local $r i32) (local $c i32) (local $row i32) (local $o i32) (local $bytes i32)
    (local $acc v128) (local $d v128) (local $mean v128) (local $rs v128) (local $xn v128)
    (local $inv f32) (local $s f32)
    (local.set $bytes (i32.shl (local.get $width) (i32.const 2)))
    (local.set $inv (f32.div (f32.const 1) (f32.convert_i32_u (local.get $width))))
    (block $rowsDone
      (loop $nextRow
        (br_if $rowsDone (i32.ge_u (local.get $r) (local.get $rows)))
        (local.set $row (i32.mul (local.get $r) (local.get $bytes)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $c (i32.const 0))
        (block $sumDone
          (loop $sum
            (br_if $sumDone (i32.ge_u (local.get $c) (local.get $bytes)))
            (local.set $acc (f32x4.add (local.get $acc)
              (v128.load (i32.add (local.get $x) (i32.add (local.get $row) (local.get $c))))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $sum)))
        (local.set $s (f32.mul (local.get $inv)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
            (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc))))))
        (local.set $mean (f32x4.splat (local.get $s)))
        (local.set $acc (v128.const i32x4 0 0 0 0))
        (local.set $c (i32.const 0))
        (block $varDone
          (loop $var
            (br_if $varDone (i32.ge_u (local.get $c) (local.get $bytes)))
            (local.set $d (f32x4.sub
              (v128.load (i32.add (local.get $x) (i32.add (local.get $row) (local.get $c))))
              (local.get $mean)))
            (local.set $acc (f32x4.add (local.get $acc) (f32x4.mul (local.get $d) (local.get $d))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $var)))
        (local.set $s (f32.div (f32.const 1) (f32.sqrt (f32.add (local.get $eps) (f32.mul (local.get $inv)
          (f32.add
            (f32.add (f32x4.extract_lane 0 (local.get $acc)) (f32x4.extract_lane 1 (local.get $acc)))
            (f32.add (f32x4.extract_lane 2 (local.get $acc)) (f32x4.extract_lane 3 (local.get $acc)))))))))
        (f32.store (i32.add (local.get $rstd) (i32.shl (local.get $r) (i32.const 2))) (local.get $s))
        (local.set $rs (f32x4.splat (local.get $s)))
        (local.set $c (i32.const 0))
        (block $outDone
          (loop $out
            (br_if $outDone (i32.ge_u (local.get $c) (local.get $bytes)))
            (local.set $o (i32.add (local.get $row) (local.get $c)))
            (local.set $xn (f32x4.mul (local.get $rs)
              (f32x4.sub (v128.load (i32.add (local.get $x) (local.get $o))) (local.get $mean))))
            (v128.store (i32.add (local.get $n) (local.get $o)) (local.get $xn))
            (v128.store (i32.add (local.get $y) (local.get $o))
              (f32x4.add (f32x4.mul (local.get $xn) (v128.load (i32.add (local.get $gain) (local.get $c))))
                         (v128.load (i32.add (local.get $bias) (local.get $c)))))
            (local.set $c (i32.add (local.get $c) (i32.const 16)))
            (br $out)))
        (local.set $r (i32.add (local.get $r) (i32.const 1)))
        (br $nextRow))))
)
