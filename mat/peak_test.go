package mat

import "testing"

// BenchmarkPeak measures a core's peak: 16 independent chains of fused
// multiply-adds on eight doubles, nothing else. The GFLOP/s of the other
// benchmarks are stated as a share of it. Two at once, one per core:
//
//	go test -c -o mat.test ./mat
//	./mat.test -test.run '^$' -test.bench Peak & ./mat.test -test.run '^$' -test.bench Peak; wait
func BenchmarkPeak(b *testing.B) {
	if !hasAVX512 {
		b.Skip("the peak is measured with AVX-512")
	}
	const rounds = 10_000
	for b.Loop() {
		fmaPeak(rounds)
	}
	b.ReportMetric(float64(b.N)*rounds*16*8*2/b.Elapsed().Seconds()/1e9, "GFLOP/s")
}
