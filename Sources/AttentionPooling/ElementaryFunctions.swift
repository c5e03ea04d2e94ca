#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#elseif canImport(ucrt)
import ucrt
#endif

// The platform's C maths library, under names that cannot clash with the module's own. The kernels, distances,
// softmax, estimators, width learning, bandwidth rules and the data's truth 2 sin x + x all use these, so their last
// bits may differ between platforms' libraries. The random draws must not: the generator's normals use
// `PortableLogarithm` instead, which is bit-identical on every machine.

@usableFromInline func _exp(_ x: Double) -> Double { exp(x) }
@usableFromInline func _log(_ x: Double) -> Double { log(x) }
@usableFromInline func _log1p(_ x: Double) -> Double { log1p(x) }
@usableFromInline func _pow(_ x: Double, _ y: Double) -> Double { pow(x, y) }
@usableFromInline func _sin(_ x: Double) -> Double { sin(x) }
